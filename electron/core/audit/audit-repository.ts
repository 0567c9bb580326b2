import type { Db } from '../db/open-database';

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
  prevHash: string;
  hash: string;
}

const COLUMNS = `id, at, user_id AS userId, username, role, action, entity, record_id AS recordId, outcome, fields, reason,
                 prev_hash AS prevHash, hash`;

export function lastAuditRow(db: Db): Pick<AuditRow, 'id' | 'hash'> | undefined {
  return db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as Pick<AuditRow, 'id' | 'hash'> | undefined;
}

export function insertAuditRow(db: Db, row: AuditRow): void {
  db.prepare(
    `INSERT INTO audit_log (id, at, user_id, username, role, action, entity, record_id, outcome, fields, reason, prev_hash, hash)
     VALUES (@id, @at, @userId, @username, @role, @action, @entity, @recordId, @outcome, @fields, @reason, @prevHash, @hash)`,
  ).run(row);
}

/** All rows in id order, one at a time: the log can hold millions of rows. */
export function iterateAudit(db: Db): IterableIterator<AuditRow> {
  return db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<AuditRow>;
}

export interface AuditFilter {
  userId?: number | undefined;
  username?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  recordId?: string | undefined;
  outcome?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

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
