import type { Db } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';
import { COLUMNS, timeDisordered, type AuditRow } from './audit-repository';

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

type Param = string | number;

/**
 * Newest first, a page at a time, at 1,000,000 rows (issue 18). Every filter ends on an index
 * that ends in id, walked backwards from the page's start and stopped at the page's end:
 * - a time window becomes an id range: rows are appended in time order, so the first row at or
 *   after `from` and the last at or before `to` bound exactly the rows in between. Not once the
 *   clock was set back (timeDisordered): then the times are compared row by row, as before.
 * - a list of actions (a group; "hide reads" is the list of all other actions, audit-log.ts) is
 *   one arm per action, each walking (action, id) or (username, action, id) and stopping at the
 *   page, merged by id: SQLite would otherwise collect every row of the list and sort them.
 * - a record (a customer: entity and record id) walks audit_by_record: its rows are few
 *   (hundreds), so every other filter is checked row by row on those. The index is named: with
 *   a user or a time window beside it SQLite would otherwise pick a longer walk.
 * Only the WHERE shape varies with the filter; every value is a bound parameter.
 */
export function queryAuditRows(db: Db, filter: AuditFilter): AuditRow[] {
  const { sql, params } = auditQuery(db, filter);
  return cachedStatement(db, sql).all(...params) as AuditRow[];
}

/** The query plan of a filter (EXPLAIN QUERY PLAN details): tests pin that each filter uses an index. */
export function auditQueryPlan(db: Db, filter: AuditFilter): string[] {
  const { sql, params } = auditQuery(db, filter);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

function auditQuery(db: Db, filter: AuditFilter): { sql: string; params: Param[] } {
  const where: string[] = [];
  const params: Param[] = [];
  const add = (sql: string, value: Param | undefined) => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  add('username = ? COLLATE NOCASE', filter.username);
  add('user_id = ?', filter.userId);
  add('entity = ?', filter.entity);
  add('record_id = ?', filter.recordId);
  add('outcome = ?', filter.outcome);
  const span = filter.from !== undefined || filter.to !== undefined ? idSpan(db, filter.from, filter.to) : null;
  if (span === 'empty') return { sql: 'SELECT * FROM (SELECT 1) WHERE 0', params: [] };
  if (span) {
    add('id >= ?', span.low);
    add('id <= ?', span.high);
  } else {
    add('at >= ?', filter.from);
    add('at <= ?', filter.to);
  }
  add('id < ?', filter.beforeId);
  const excluded = new Set(filter.excludeActions ?? []);
  const wanted = filter.action !== undefined ? [filter.action] : filter.actions;
  const oneRecord = filter.entity !== undefined && filter.recordId !== undefined;
  if (wanted !== undefined && !oneRecord) {
    const arms = [...new Set(wanted)].filter((a) => !excluded.has(a));
    return arms.length === 0 ? { sql: 'SELECT * FROM (SELECT 1) WHERE 0', params: [] } : byActions(where, params, arms, filter.limit);
  }
  if (wanted !== undefined) {
    where.push(`action IN (${wanted.map(() => '?').join(', ')})`);
    params.push(...wanted);
  }
  if (excluded.size > 0) {
    where.push(`action NOT IN (${[...excluded].map(() => '?').join(', ')})`);
    params.push(...excluded);
  }
  params.push(filter.limit);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return { sql: `SELECT ${COLUMNS} FROM audit_log ${oneRecord ? 'INDEXED BY audit_by_record ' : ''}${clause} ORDER BY id DESC LIMIT ?`, params };
}

/**
 * One arm per action, each its own page of ids, merged newest first; then the page's rows. An
 * arm reads only its index ((action, id), or (username, action, id)) unless another filter needs
 * the row: 100 arms cost about as much as one walk.
 */
function byActions(where: string[], params: Param[], actions: readonly string[], limit: number): { sql: string; params: Param[] } {
  const clause = ['action = ?', ...where].join(' AND ');
  const arm = `SELECT * FROM (SELECT id FROM audit_log WHERE ${clause} ORDER BY id DESC LIMIT ?)`;
  const ids = `SELECT id FROM (${actions.map(() => arm).join(' UNION ALL ')}) ORDER BY id DESC LIMIT ?`;
  const sql = `SELECT ${COLUMNS} FROM audit_log WHERE id IN (${ids}) ORDER BY id DESC`;
  return { sql, params: [...actions.flatMap((action) => [action, ...params, limit]), limit] };
}

/**
 * The ids of the rows between two instants, found with two seeks of audit_by_time; null when
 * the log's times are out of order (they cannot stand for ids then), 'empty' when none fall in.
 */
function idSpan(db: Db, from: string | undefined, to: string | undefined): { low: number; high: number } | 'empty' | null {
  if (timeDisordered(db)) return null;
  const low = from === undefined ? 1 : (cachedStatement(db, 'SELECT id FROM audit_log WHERE at >= ? ORDER BY at, id LIMIT 1').get(from) as { id: number } | undefined)?.id;
  const high = to === undefined ? Number.MAX_SAFE_INTEGER : (cachedStatement(db, 'SELECT id FROM audit_log WHERE at <= ? ORDER BY at DESC, id DESC LIMIT 1').get(to) as { id: number } | undefined)?.id;
  if (low === undefined || high === undefined || low > high) return 'empty';
  return { low, high };
}
