import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

/** One audit_log row as stored; `fields` is the JSON text exactly as hashed. */
export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  role: string | null;
  action: string;
  entity: string | null;
  recordId: string | null;
  outcome: 'ok' | 'denied' | 'rejected' | 'failed';
  fields: string | null;
  reason: string | null;
  /** Customers the read returned, as audit-customer-ids.ts encodes them; null when none. */
  customerIds: string | null;
  prevHash: string;
  hash: string;
}

const COLUMNS = `id, at, user_id AS userId, username, role, action, entity, record_id AS recordId, outcome, fields, reason,
                 customer_ids AS customerIds, prev_hash AS prevHash, hash`;

/** The chain head lives in meta so that cutting rows off the end leaves a head pointing past them. */
const HEAD_KEY = 'audit.head';

export function readHeadValue(db: Db): string | undefined {
  return getMeta(db, HEAD_KEY);
}

export function writeHead(db: Db, id: number, hash: string): void {
  setMeta(db, HEAD_KEY, `${id}:${hash}`);
}

export function lastAuditRow(db: Db): Pick<AuditRow, 'id' | 'hash'> | undefined {
  // Cached with the insert below: both run in every audited call (every read of customer data).
  return cachedStatement(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as Pick<AuditRow, 'id' | 'hash'> | undefined;
}

export function insertAuditRow(db: Db, row: AuditRow): void {
  cachedStatement(
    db,
    `INSERT INTO audit_log (id, at, user_id, username, role, action, entity, record_id, outcome, fields, reason, customer_ids, prev_hash, hash)
     VALUES (@id, @at, @userId, @username, @role, @action, @entity, @recordId, @outcome, @fields, @reason, @customerIds, @prevHash, @hash)`,
  ).run(row);
}

/** All rows in id order, one at a time: the log can hold millions of rows. */
export function iterateAudit(db: Db): IterableIterator<AuditRow> {
  return db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<AuditRow>;
}

// hash and prev_hash carry no index (it would double the table's size for a lookup that only
// runs once a verify has already found a break), so these two scan the table.
export function idWithHash(db: Db, hash: string): number | undefined {
  const row = db.prepare('SELECT id FROM audit_log WHERE hash = ? ORDER BY id LIMIT 1').get(hash) as { id: number } | undefined;
  return row?.id;
}

export function idWithPrevHash(db: Db, prevHash: string): number | undefined {
  const row = db.prepare('SELECT id FROM audit_log WHERE prev_hash = ? ORDER BY id LIMIT 1').get(prevHash) as { id: number } | undefined;
  return row?.id;
}

export interface AuditFilter {
  userId?: number | undefined;
  username?: string | undefined;
  action?: string | undefined;
  /** Any of these actions (an action group of the audit page). */
  actions?: readonly string[] | undefined;
  /** None of these actions (the page's "hide reads"). */
  excludeActions?: readonly string[] | undefined;
  entity?: string | undefined;
  recordId?: string | undefined;
  outcome?: AuditRow['outcome'] | undefined;
  /** Inclusive bounds, as ISO-8601 UTC instants (the form `at` is stored in, so text order is time order). */
  from?: string | undefined;
  to?: string | undefined;
  /** Keyset paging: only rows older than this id. */
  beforeId?: number | undefined;
  limit: number;
}

/**
 * Newest first. Only the WHERE shape varies with the filter; every value is a bound parameter.
 * The user, action and record indexes end in id, so those filters walk an index backwards and
 * stop at the limit.
 */
export function queryAuditRows(db: Db, filter: AuditFilter): AuditRow[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  add('user_id = ?', filter.userId);
  add('username = ? COLLATE NOCASE', filter.username);
  add('action = ?', filter.action);
  const list = (sql: string, values: readonly string[] | undefined) => {
    if (values === undefined || values.length === 0) return;
    where.push(`action ${sql} (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('IN', filter.actions);
  list('NOT IN', filter.excludeActions);
  add('entity = ?', filter.entity);
  add('record_id = ?', filter.recordId);
  add('outcome = ?', filter.outcome);
  add('at >= ?', filter.from);
  add('at <= ?', filter.to);
  add('id < ?', filter.beforeId);
  params.push(filter.limit);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return db.prepare(`SELECT ${COLUMNS} FROM audit_log ${clause} ORDER BY id DESC LIMIT ?`).all(...params) as AuditRow[];
}

/** One user's rows in a time span that name customers: by id (customer.read) or by a returned set. */
export function customerRowsOf(db: Db, userId: number, from: string, to: string): IterableIterator<{ recordId: string | null; customerIds: string | null }> {
  return db
    .prepare(
      `SELECT record_id AS recordId, customer_ids AS customerIds FROM audit_log
        WHERE user_id = ? AND at >= ? AND at <= ? AND outcome = 'ok'
          AND (customer_ids IS NOT NULL OR (entity = 'customer' AND record_id IS NOT NULL AND action IN (${SEEN_BY_ID.map(() => '?').join(', ')})))
        ORDER BY id`,
    )
    .iterate(userId, from, to, ...SEEN_BY_ID) as IterableIterator<{ recordId: string | null; customerIds: string | null }>;
}

/** Rows whose record id is a customer the user was shown (a change also answers with the record). */
const SEEN_BY_ID = ['customer.read', 'customer.reveal', 'customer.create', 'customer.update', 'customer.restore'];

/** The stored hash of the row with this id, for the anchors kept in backup manifests. */
export function hashAt(db: Db, id: number): string | undefined {
  return (db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string } | undefined)?.hash;
}
