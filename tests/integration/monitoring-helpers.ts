import { createCore } from '../../electron/core';
import { createAppRouter } from '../../electron/ipc';
import type { Role } from '../../shared/contract';
import { OWNER } from './vault-helpers';
import { PASSWORD, ROLE_LIST, type AccessWorld } from './access-helpers';

/** `n` customers owned by `ownerId`, straight into the vault (the rules count reads, not creates). */
export function seedCustomers(world: AccessWorld, n: number, ownerId: number, at = '2026-11-01T00:00:00.000Z'): number[] {
  const db = world.core.vault.db();
  const insert = db.prepare('INSERT INTO customers (name, owner_id, created_at, updated_at, sort_name) VALUES (?, ?, ?, ?, ?)');
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const name = `Seeded ${ownerId}-${String(i).padStart(5, '0')}`;
      ids.push(Number(insert.run(name, ownerId, at, at, name.toLowerCase()).lastInsertRowid));
    }
  })();
  return ids;
}

type ListPage = { items: { id: number }[]; next: { value: string; id: number } | null };

/**
 * Pages through every customer the role may list, `limit` at a time, as the list screen does.
 * Returns the ids seen, or the error code that stopped it.
 */
export async function pageAll(world: AccessWorld, role: Role, limit = 200): Promise<{ ids: number[]; stoppedBy?: string }> {
  const ids: number[] = [];
  let after: ListPage['next'] = null;
  for (;;) {
    const result = await world.router.dispatch(world.caller(role), 'customers.list', { limit, ...(after ? { after } : {}) });
    if (!result.ok) return { ids, stoppedBy: result.error.code };
    const page = result.value as ListPage;
    ids.push(...page.items.map((c) => c.id));
    if (!page.next) return { ids };
    after = page.next;
  }
}

export interface AlertRowOut {
  id: number;
  rule: string;
  userId: number | null;
  count: number;
  action: string;
  state: string;
  customerIds: string;
}

export function alertRows(world: AccessWorld): AlertRowOut[] {
  return world.core.vault
    .db()
    .prepare('SELECT id, rule_id AS rule, user_id AS userId, count, action, state, customer_ids AS customerIds FROM alerts ORDER BY id')
    .all() as AlertRowOut[];
}

export function auditOf(world: AccessWorld, action: string): { username: string | null; entity: string | null; recordId: string | null; outcome: string; fields: string | null; reason: string | null }[] {
  return world.core.vault
    .db()
    .prepare('SELECT username, entity, record_id AS recordId, outcome, fields, reason FROM audit_log WHERE action = ? ORDER BY id')
    .all(action) as { username: string | null; entity: string | null; recordId: string | null; outcome: string; fields: string | null; reason: string | null }[];
}

/** Closes the core and starts a new one on the same profile (unlocked from the keychain), everyone signed in again. */
export async function restart(world: AccessWorld, now?: () => number): Promise<AccessWorld> {
  world.core.close();
  const core = createCore({ profileDir: world.profileDir, appVersion: 'test', osLocales: ['en'], keychain: world.keychain, ...(now ? { now } : {}) });
  await core.start();
  if (core.vault.state() !== 'unlocked') throw new Error('the vault did not reopen from the keychain');
  const router = createAppRouter(core);
  for (const role of ROLE_LIST) {
    const username = role === 'owner' ? OWNER.username : `${role}1`;
    const login = await router.dispatch({ senderId: role }, 'session.login', { username, password: role === 'owner' ? OWNER.password : PASSWORD });
    if (!login.ok) throw new Error(`login ${role}: ${login.error.code}`);
  }
  return { ...world, core, router };
}
