import { decodeCustomerIds } from '../audit/audit-customer-ids';
import type { Db } from '../db/open-database';
import type { Role, UserStatus } from './user-repository';

export interface ReviewUserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  has2fa: number;
  createdAt: string;
  lastLoginAt: string | null;
  customersOwned: number;
}

export interface ActivityCounts {
  exports: number;
  reveals: number;
  /** Customers sent to the recycle bin (a bulk delete counts each of its customers). */
  deletes: number;
}

export function reviewUsers(db: Db): ReviewUserRow[] {
  return db
    .prepare(
      `SELECT u.id, u.username, u.display_name AS displayName, u.role, u.status, u.totp_secret IS NOT NULL AS has2fa,
              u.created_at AS createdAt, u.last_login_at AS lastLoginAt,
              (SELECT count(*) FROM customers c WHERE c.owner_id = u.id AND c.deleted_at IS NULL) AS customersOwned
         FROM users u ORDER BY u.username COLLATE NOCASE`,
    )
    .all() as ReviewUserRow[];
}

/**
 * The first audit row at or after `since`, by the time index (one seek). Rows are appended in
 * time order, so every row of the period has an id at least this one: the counts below then walk
 * only the (action, id) index range of the few actions they count, not the period's reads.
 */
function firstIdSince(db: Db, since: string): number | null {
  const row = db.prepare('SELECT id FROM audit_log WHERE at >= ? ORDER BY at, id LIMIT 1').get(since) as { id: number } | undefined;
  return row?.id ?? null;
}

export function activityCounts(db: Db, since: string): Map<number, ActivityCounts> {
  const counts = new Map<number, ActivityCounts>();
  const of = (userId: number) => {
    let entry = counts.get(userId);
    if (!entry) counts.set(userId, (entry = { exports: 0, reveals: 0, deletes: 0 }));
    return entry;
  };
  const from = firstIdSince(db, since);
  if (from === null) return counts;
  const grouped = db
    .prepare(
      `SELECT user_id AS userId, action, count(*) AS n FROM audit_log
        WHERE action IN ('customer.export', 'customer.reveal') AND id >= ? AND outcome = 'ok' AND user_id IS NOT NULL
        GROUP BY user_id, action`,
    )
    .all(from) as { userId: number; action: string; n: number }[];
  for (const row of grouped) {
    if (row.action === 'customer.export') of(row.userId).exports = row.n;
    else of(row.userId).reveals = row.n;
  }
  const deletes = db
    .prepare("SELECT user_id AS userId, record_id AS recordId, customer_ids AS ids FROM audit_log WHERE action = 'customer.delete' AND id >= ? AND outcome = 'ok' AND user_id IS NOT NULL")
    .all(from) as { userId: number; recordId: string | null; ids: string | null }[];
  for (const row of deletes) of(row.userId).deletes += row.recordId !== null ? 1 : decodeCustomerIds(row.ids).length;
  return counts;
}

function columnsOf(db: Db, table: string): Set<string> {
  return new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name));
}

/**
 * Alerts about each user in the period. The alerts table comes with the monitoring rules
 * (migration 026); on a vault without it every count is 0.
 */
export function alertCounts(db: Db, since: string): Map<number, number> {
  const columns = columnsOf(db, 'alerts');
  if (!columns.has('user_id') || !columns.has('raised_at')) return new Map();
  const rows = db.prepare('SELECT user_id AS userId, count(*) AS n FROM alerts WHERE user_id IS NOT NULL AND raised_at >= ? GROUP BY user_id').all(since) as { userId: number; n: number }[];
  return new Map(rows.map((r) => [r.userId, r.n]));
}

/**
 * Approvals each user asked for, and gave (approved someone else's request), in the period. The
 * table's shape changed with the general approvals (migration 025: created_at, state); both
 * shapes are read. A lone owner's own request (decided_by = requester) is not 'given'.
 */
export function approvalCounts(db: Db, since: string): Map<number, { requested: number; given: number; noSecondPerson: number }> {
  const columns = columnsOf(db, 'approvals');
  const result = new Map<number, { requested: number; given: number; noSecondPerson: number }>();
  if (!columns.has('requested_by') || !columns.has('decided_by')) return result;
  const created = columns.has('created_at') ? 'created_at' : columns.has('requested_at') ? 'requested_at' : null;
  const state = columns.has('state') ? 'state' : columns.has('status') ? 'status' : null;
  if (!created || !state || !columns.has('decided_at')) return result;
  const of = (userId: number) => {
    let entry = result.get(userId);
    if (!entry) result.set(userId, (entry = { requested: 0, given: 0, noSecondPerson: 0 }));
    return entry;
  };
  for (const row of db.prepare(`SELECT requested_by AS userId, count(*) AS n FROM approvals WHERE ${created} >= ? GROUP BY requested_by`).all(since) as { userId: number; n: number }[]) {
    of(row.userId).requested = row.n;
  }
  const given = db
    .prepare(`SELECT decided_by AS userId, count(*) AS n FROM approvals WHERE decided_by IS NOT NULL AND decided_by <> requested_by AND decided_at >= ? AND ${state} IN ('approved', 'executed') GROUP BY decided_by`)
    .all(since) as { userId: number; n: number }[];
  for (const row of given) of(row.userId).given = row.n;
  // A lone owner's own go-ahead (typed confirmation, password, cooling-off): the review names it, as the issue's
  // "no second person" report asks, so a shop that later has two owners sees what ran without four eyes.
  if (columns.has('no_second_person')) {
    const alone = db
      .prepare(`SELECT requested_by AS userId, count(*) AS n FROM approvals WHERE no_second_person = 1 AND ${created} >= ? GROUP BY requested_by`)
      .all(since) as { userId: number; n: number }[];
    for (const row of alone) of(row.userId).noSecondPerson = row.n;
  }
  return result;
}
