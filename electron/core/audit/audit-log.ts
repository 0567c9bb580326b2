import { CofferError } from '../../../shared/errors';
import type { Db } from '../db/open-database';
import { GENESIS_HASH, parseHead, rowHash } from './audit-chain';
import { decodeCustomerIds, encodeCustomerIds } from './audit-customer-ids';
import { queryAuditRows, type AuditFilter } from './audit-filter-repository';
import { customerRowsOf, insertAuditRow, lastAuditRow, markTimeDisorder, readHeadValue, writeHead, type AuditRow } from './audit-repository';

export { GENESIS_HASH, rowHash, type ChainedContent } from './audit-chain';
export type { AuditRow } from './audit-repository';
export type { AuditFilter } from './audit-filter-repository';
export { verifyAudit, type AuditProblem, type AuditVerdict } from './audit-verify';

export const AUDIT_ACTIONS = [
  'login', 'login.failed', 'logout', 'lockout', 'session.locked', 'session.unlocked',
  'customer.read', 'customer.probe', 'customer.list', 'customer.search', 'customer.create', 'customer.update', 'customer.delete', 'customer.restore',
  'customer.reveal', 'customer.export', 'interaction.create', 'purchase.create', 'reminder.create', 'reminder.update',
  'reminder.list', 'reminder.done', 'reminder.snooze', 'customer.tag', 'dashboard.read',
  'user.list', 'user.create', 'user.role', 'user.disable', 'user.enable', 'user.password.reset', 'user.2fa.enable', 'user.2fa.disable', 'user.2fa.recoveryCode',
  'user.password.change',
  'approval.request', 'approval.approve', 'approval.reject', 'settings.change', 'vault.setup', 'vault.rotateKey', 'vault.unlock',
  'backup.run', 'backup.drill', 'backup.restore', 'audit.verify', 'audit.read', 'ipc.rejected', 'alert',
  // Hand-over of customers to another owner, and the owner reading the stale-account report.
  'customer.owner', 'user.staleReport',
  // Customers in from a file (dry run, each batch of a commit, saved error rows) and its undo.
  'customer.import', 'customer.importUndo',
  // Merging two or three customers into one, and undoing that within 30 days.
  'customer.merge', 'customer.mergeUndo',
  // Editing and deleting timeline entries (the customer's id is the record; changed field names only).
  'interaction.update', 'interaction.delete', 'purchase.update', 'purchase.delete',
  // A phone or WeChat lookup by someone who sees contact details masked (who is calling).
  'customer.lookup',
  // A tag or region renamed in Settings, rewritten on every customer that carried it.
  'settings.list.rename',
  // A level retired in Settings: its customers moved to the level the owner chose.
  'settings.list.move',
  // Monitoring (issue 15): a rule raised an alert about a user (recordId = the subject's id), an
  // alert was acknowledged, an owner changed a rule or business hours, a user re-entered their password.
  'alert.raise', 'alert.acknowledge', 'monitoring.rule', 'session.stepUp',
  // Which roles' windows are kept out of screenshots and screen sharing (role names only).
  'settings.screenProtection',
  // Four-eyes approval (issue 15): a request cancelled, expired unused, run under, or the policy changed.
  'approval.cancel', 'approval.expire', 'approval.execute', 'approval.policy',
  // The owner's access review: read, exported (reason has the file's sha256), marked reviewed.
  'user.accessReview', 'user.accessReviewExport', 'user.accessReviewDone',
  // The shop's data rules: a new version written by the owner, a user's acceptance of one.
  'dataRules.set', 'dataRules.accept',
  // Minimisation (issue 16): a customer field switched on/off (fields = the field; reason 'off, erased N'; customerIds = erased), the privacy regime or contact changed, a disclosure to a third party recorded.
  'settings.customerField', 'privacy.settings', 'privacy.disclosure',
  // The request register (issue 16): reads list the linked customers' ids; settings = deadline defaults and holiday table.
  'privacyRequest.list', 'privacyRequest.read', 'privacyRequest.create', 'privacyRequest.update', 'privacyRequest.settings',
  // A customer's access package (issue 16): recordId = the customer, reason = the zip's sha256 and its contents list.
  'customer.accessPackage',
  // Consent (issue 16): a customer's consent history read, an event recorded (page or import), the no-basis worklist read, a privacy-notice version added.
  'consent.read', 'consent.record', 'consent.missing', 'consent.notice',
  // Erasure (issue 16): a lookup (ids found, never the typed text), an erasure (mode, tables), a
  // hold set or lifted, a recycle-bin purge (manual or automatic), the privacy log read.
  'privacy.lookup', 'privacy.erase', 'privacy.hold', 'privacy.purge', 'privacy.log',
  // An erasure's after-check answered from the worker thread (reason: log id and passed / failed / interrupted; customerIds = the erased id).
  'privacy.check',
  'retention.settings', 'retention.rule', 'retention.dryRun', 'retention.run', 'retention.dormant', 'retention.wake', 'retention.notice', 'retention.batch',
  // The decision ledger (issue 16): decisions re-applied after a restore (counts only), a side file missing or failing authentication, an owner's new consent superseding an erasure entry.
  'ledger.reapply', 'ledger.sideFile', 'ledger.supersede',
  // The breach register (issue 17): recordId = the incident; reads and the affected list carry the customers' ids; notice/evidence reasons carry the file's sha256.
  'breach.create', 'breach.update', 'breach.read', 'breach.affected', 'breach.notice', 'breach.evidence', 'breach.settings',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = AuditRow['outcome'];
const OUTCOMES: readonly AuditOutcome[] = ['ok', 'denied', 'rejected', 'failed'];

export interface AuditEntry {
  actor: { userId: number; username: string; role: string } | null;
  action: AuditAction;
  entity?: string;
  recordId?: string;
  outcome: AuditOutcome;
  /** Names of changed fields, never their values. */
  fields?: string[];
  /** A user-typed justification (a reveal's reason), or a fixed system note. */
  reason?: string;
  /** The customers a list, search, dashboard or timeline read returned: ids only. */
  customerIds?: readonly number[];
}

export const REASON_MAX = 200;
// Identifiers only (`mobile`, `address_detail`, `tags.add`): a value such as a phone number or
// `mobile=138...` cannot be smuggled into the log through a field name.
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const FIELD_NAME_MAX = 64;

/**
 * Appends one row and moves the head, and returns them. Call it inside the transaction of the
 * change it records, so both commit or neither does; outside a transaction it makes its own.
 * The caller validated its input already, so a bad entry here is a bug and throws.
 *
 * The next row chains from the head in meta, not from the last row found: if rows were cut off
 * the end, the next append keeps the gap (verify goes on reporting it) instead of chaining over
 * it and erasing the evidence. A missing or unreadable head is not re-created, for the same
 * reason. In an untouched log the two agree and the id is simply last id + 1.
 */
export function appendAudit(db: Db, entry: AuditEntry, now: Date): { id: number; hash: string } {
  assertEntry(entry, now);
  const write = () => {
    const last = lastAuditRow(db);
    const headValue = readHeadValue(db);
    const head = parseHead(headValue);
    const lastId = last?.id ?? 0;
    const content = {
      id: Math.max(lastId, head?.id ?? 0) + 1,
      at: now.toISOString(),
      userId: entry.actor?.userId ?? null,
      username: entry.actor?.username ?? null,
      role: entry.actor?.role ?? null,
      action: entry.action,
      entity: entry.entity ?? null,
      recordId: entry.recordId ?? null,
      outcome: entry.outcome,
      fields: entry.fields && entry.fields.length > 0 ? JSON.stringify(entry.fields) : null,
      reason: entry.reason ?? null,
      customerIds: entry.customerIds ? encodeCustomerIds(entry.customerIds) : null,
    };
    const prevHash = head?.hash ?? last?.hash ?? GENESIS_HASH;
    const row: AuditRow = { ...content, prevHash, hash: rowHash(prevHash, content) };
    insertAuditRow(db, row);
    // A clock set back: time filters stop reading the log's order as time order (audit-filter-repository.ts).
    if (last && content.at < last.at) markTimeDisorder(db, row.id);
    if (head || lastId === 0) writeHead(db, row.id, row.hash);
    return { id: row.id, hash: row.hash };
  };
  return db.inTransaction ? write() : db.transaction(write)();
}

function assertEntry(entry: AuditEntry, now: Date): void {
  if (!(AUDIT_ACTIONS as readonly string[]).includes(entry.action)) throw new Error(`unknown audit action ${entry.action}`);
  if (!OUTCOMES.includes(entry.outcome)) throw new Error('unknown audit outcome');
  if (Number.isNaN(now.getTime())) throw new Error('audit time is not a valid date');
  for (const field of entry.fields ?? []) {
    if (field.length > FIELD_NAME_MAX || !FIELD_NAME.test(field)) throw new Error('audit field names must be identifiers');
  }
  if (entry.reason !== undefined && entry.reason.length > REASON_MAX) throw new Error(`audit reason longer than ${REASON_MAX} characters`);
}

/** The chain head for backup manifests, or null when none is recorded (or it is unreadable). */
export function auditHead(db: Db): { id: number; hash: string } | null {
  return parseHead(readHeadValue(db));
}

/** A stored row as the audit page shows it: fields parsed, the chain's hashes left out. */
export type AuditRecord = Omit<AuditRow, 'fields' | 'prevHash' | 'hash' | 'customerIds'> & { fields: string[] };

export const AUDIT_PAGE_MAX = 500;

/** Rows newest first; page on with `beforeId` = the last id of the previous page. */
export function queryAudit(db: Db, filter: AuditFilter): AuditRecord[] {
  if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > AUDIT_PAGE_MAX) {
    throw new CofferError('INVALID_INPUT', `Show between 1 and ${AUDIT_PAGE_MAX} audit rows at a time.`);
  }
  // "Hide reads" is the list of the other actions, so each walks its own index and stops at the
  // page (audit-filter-repository.ts); a customer's rows are few, and are filtered row by row.
  const expand = filter.recordId === undefined && filter.actions === undefined && filter.action === undefined && (filter.excludeActions?.length ?? 0) > 0;
  const rows = queryAuditRows(db, { ...filter, ...(expand ? { actions: AUDIT_ACTIONS } : {}), from: instant(filter.from), to: instant(filter.to) });
  return rows.map(({ prevHash: _prev, hash: _hash, customerIds: _ids, fields, ...row }) => ({ ...row, fields: fields ? (JSON.parse(fields) as string[]) : [] }));
}

/**
 * Every customer the user was shown between two instants (inclusive), ascending, from the log
 * alone: the ids lists, searches, dashboards and timelines recorded, and the single records read.
 */
export function customersSeen(db: Db, userId: number, from: string, to: string): number[] {
  const seen = new Set<number>();
  for (const row of customerRowsOf(db, userId, instant(from)!, instant(to)!)) {
    for (const id of decodeCustomerIds(row.customerIds)) seen.add(id);
    if (row.customerIds === null && row.recordId !== null && /^[1-9][0-9]*$/.test(row.recordId)) seen.add(Number(row.recordId));
  }
  return [...seen].sort((a, b) => a - b);
}

/** `at` is compared as text, which is time order only in toISOString's exact form. */
function instant(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new CofferError('INVALID_INPUT', 'The audit date filter is not a valid date.');
  return time.toISOString();
}
