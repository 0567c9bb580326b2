import { randomBytes } from 'node:crypto';
import type { Core } from '..';
import { appendAudit } from '../audit/audit-log';
import { auditActor } from '../auth/session-service';
import { insertCustomer, replaceTags } from '../customers/customer-repository';
import { rebuildPinyinStep } from '../customers/pinyin-index';
import { insertInteractions, insertPurchase } from '../customers/timeline-repository';
import { insertReminder } from '../reminders/reminder-repository';
import { writeFieldOn } from '../settings/customer-fields';
import { hashPassword } from '../users/password-hash';
import { insertUser, type Role } from '../users/user-repository';
import { DEFAULT_DEMO_SEED, generateDemoCustomers, type DemoCustomer } from './demo-data';

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

export interface DemoVault {
  recoveryKey: string;
  accounts: DemoAccount[];
}

const SENDER = 'demo';
const BATCH = 1000;
/** Customers are spread over these users; support and the auditor own none. */
const TEAM: { username: string; displayName: string; role: Role }[] = [
  { username: 'manager', displayName: '李经理 (Manager)', role: 'manager' },
  { username: 'sales1', displayName: '王销售 (Sales 1)', role: 'sales' },
  { username: 'sales2', displayName: 'Sam Sales (Sales 2)', role: 'sales' },
  { username: 'support', displayName: '赵客服 (Support)', role: 'support' },
  { username: 'auditor', displayName: 'Audrey Auditor', role: 'auditor' },
];

const newPassword = () => `demo-${randomBytes(6).toString('base64url')}-${randomBytes(2).toString('hex')}`;

/**
 * Sets up a new vault in the core's profile and fills it with a made-up customer book: a team of
 * one user per role, customers with interactions, purchases and reminders. Passwords are random
 * and returned once, like the recovery key. Writes go in batches of 1,000 customers per
 * transaction: a crash loses at most the batch in progress, never corrupts the vault.
 */
export async function createDemoVault(
  core: Core,
  options: { customers: number; seed?: number; interactionsPerCustomer?: number; sensitiveFields?: boolean; now?: Date },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<DemoVault> {
  const owner = { username: 'owner', displayName: '店主 Owner', password: newPassword() };
  const { recoveryKey } = core.firstRun.begin(SENDER, owner);
  await core.firstRun.complete(SENDER, recoveryKey.slice(-9));
  const session = core.sessions.current(SENDER);
  if (!session) throw new Error('demo setup did not sign the owner in');
  const db = core.vault.db();
  // The new vault has no customers yet: marking its pinyin index current now (an empty rebuild)
  // spares the background rebuild re-indexing every demo customer, which insertCustomer already
  // indexed with this code, right after the first unlock (and in the middle of a benchmark).
  rebuildPinyinStep(db, 1);
  const accounts: DemoAccount[] = [{ username: owner.username, role: 'owner', password: owner.password }];
  const ownerIds = [session.userId];
  for (const member of TEAM) {
    const password = newPassword();
    const id = insertUser(db, { ...member, passwordHash: await hashPassword(password) });
    accounts.push({ username: member.username, role: member.role, password });
    if (member.role === 'manager' || member.role === 'sales') ownerIds.push(id);
  }
  if (options.sensitiveFields) for (const field of ['idNumber', 'bankCard'] as const) writeFieldOn(db, field, true, new Date().toISOString());

  const now = options.now ?? new Date();
  const stamp = now.toISOString();
  const demo = generateDemoCustomers({
    count: options.customers,
    seed: options.seed ?? DEFAULT_DEMO_SEED,
    now,
    owners: ownerIds.length,
    ...(options.interactionsPerCustomer !== undefined ? { interactionsPerCustomer: options.interactionsPerCustomer } : {}),
    sensitiveFields: options.sensitiveFields ?? false,
  });
  let done = 0;
  const writeBatch = db.transaction((batch: DemoCustomer[]) => {
    for (const item of batch) {
      const ownerId = ownerIds[item.ownerIndex] ?? session.userId;
      const id = insertCustomer(db, ownerId, item.customer, item.createdAt);
      if (item.customer.tags) replaceTags(db, id, item.customer.tags);
      insertInteractions(db, id, ownerId, item.interactions, stamp);
      for (const purchase of item.purchases) insertPurchase(db, { customerId: id, ...purchase, userId: ownerId }, stamp);
      for (const reminder of item.reminders) insertReminder(db, { customerId: id, ownerId, dueAt: reminder.dueAt, note: reminder.note, createdBy: ownerId }, stamp);
    }
  });
  let batch: DemoCustomer[] = [];
  for (const item of demo) {
    batch.push(item);
    if (batch.length === BATCH) {
      writeBatch(batch);
      done += batch.length;
      batch = [];
      onProgress(done, options.customers);
    }
  }
  if (batch.length > 0) {
    writeBatch(batch);
    done += batch.length;
    onProgress(done, options.customers);
  }
  // One row for the whole book: a generated demo is a setup step, not anyone's edits.
  appendAudit(db, { actor: auditActor(session), action: 'vault.setup', outcome: 'ok', reason: `demo data: ${done} customers` }, new Date());
  core.sessions.endAll();
  return { recoveryKey, accounts };
}
