import { DEFAULT_BUSINESS_HOURS, businessHoursSchema, type BusinessHours, type MonitorAction, type MonitorRule, type MonitorRuleId } from '../../../shared/monitoring';
import { decodeCustomerIds } from '../audit/audit-customer-ids';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

/** SQL of the monitoring rules, the alerts and the step-up marks (migration 026). */

interface RuleRow {
  id: MonitorRuleId;
  enabled: number;
  threshold: number;
  windowMinutes: number;
  action: MonitorAction;
  updatedAt: string | null;
  updatedBy: string | null;
}

const RULE_SELECT = `SELECT r.id, r.enabled, r.threshold, r.window_minutes AS windowMinutes, r.action, r.updated_at AS updatedAt, u.display_name AS updatedBy
  FROM monitor_rules r LEFT JOIN users u ON u.id = r.updated_by`;

const toRule = (row: RuleRow): MonitorRule => ({ ...row, enabled: row.enabled === 1 });

export function readRules(db: Db): MonitorRule[] {
  return (cachedStatement(db, `${RULE_SELECT} ORDER BY r.rowid`).all() as RuleRow[]).map(toRule);
}

export function readRule(db: Db, id: MonitorRuleId): MonitorRule | undefined {
  const row = db.prepare(`${RULE_SELECT} WHERE r.id = ?`).get(id) as RuleRow | undefined;
  return row ? toRule(row) : undefined;
}

export function writeRule(db: Db, rule: Pick<MonitorRule, 'id' | 'enabled' | 'threshold' | 'windowMinutes' | 'action'>, by: number, at: Date): void {
  db.prepare('UPDATE monitor_rules SET enabled = ?, threshold = ?, window_minutes = ?, action = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
    rule.enabled ? 1 : 0,
    rule.threshold,
    rule.windowMinutes,
    rule.action,
    at.toISOString(),
    by,
    rule.id,
  );
}

const HOURS_KEY = 'monitoring.businessHours';

/** Stored hours, or the default (off) when none were saved or the stored text is not valid. */
export function readBusinessHours(db: Db): BusinessHours {
  const text = getMeta(db, HOURS_KEY);
  if (text === undefined) return DEFAULT_BUSINESS_HOURS;
  try {
    const parsed = businessHoursSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_BUSINESS_HOURS;
  } catch {
    return DEFAULT_BUSINESS_HOURS;
  }
}

export function writeBusinessHours(db: Db, hours: BusinessHours): void {
  setMeta(db, HOURS_KEY, JSON.stringify(hours));
}

export interface NewAlert {
  rule: MonitorRuleId;
  userId: number | null;
  raisedAt: string;
  count: number;
  windowStart: string;
  customerIds: readonly number[];
  action: MonitorAction;
}

export function insertAlert(db: Db, alert: NewAlert): number {
  const info = db
    .prepare('INSERT INTO alerts (rule_id, user_id, raised_at, count, window_start, customer_ids, action) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(alert.rule, alert.userId, alert.raisedAt, alert.count, alert.windowStart, JSON.stringify(alert.customerIds), alert.action);
  return Number(info.lastInsertRowid);
}

/** When this rule last raised an alert about this user (ISO), for "once per window". */
export function lastAlertAt(db: Db, rule: MonitorRuleId, userId: number | null): string | undefined {
  const row = cachedStatement(db, 'SELECT max(raised_at) AS at FROM alerts WHERE rule_id = ? AND user_id IS ?').get(rule, userId) as { at: string | null };
  return row.at ?? undefined;
}

export interface AlertRow {
  id: number;
  rule: MonitorRuleId;
  userId: number | null;
  username: string | null;
  displayName: string | null;
  raisedAt: string;
  count: number;
  windowStart: string;
  customerIds: string;
  action: MonitorAction;
  state: 'open' | 'acknowledged';
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  note: string | null;
}

export function listAlerts(db: Db, query: { openOnly: boolean; limit: number; before?: number | undefined }): AlertRow[] {
  return db
    .prepare(
      `SELECT a.id, a.rule_id AS rule, a.user_id AS userId, s.username, s.display_name AS displayName, a.raised_at AS raisedAt, a.count,
              a.window_start AS windowStart, a.customer_ids AS customerIds, a.action, a.state, k.display_name AS acknowledgedBy,
              a.acknowledged_at AS acknowledgedAt, a.note
         FROM alerts a LEFT JOIN users s ON s.id = a.user_id LEFT JOIN users k ON k.id = a.acknowledged_by
        WHERE (? = 0 OR a.state = 'open') AND a.id < ?
        ORDER BY a.id DESC LIMIT ?`,
    )
    .all(query.openOnly ? 1 : 0, query.before ?? Number.MAX_SAFE_INTEGER, query.limit) as AlertRow[];
}

export function alertState(db: Db, id: number): { state: 'open' | 'acknowledged'; userId: number | null } | undefined {
  return db.prepare('SELECT state, user_id AS userId FROM alerts WHERE id = ?').get(id) as { state: 'open' | 'acknowledged'; userId: number | null } | undefined;
}

export function acknowledgeAlert(db: Db, id: number, by: number, at: Date, note: string): void {
  db.prepare("UPDATE alerts SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, note = ? WHERE id = ?").run(by, at.toISOString(), note === '' ? null : note, id);
}

export function countOpenAlerts(db: Db): number {
  return (cachedStatement(db, "SELECT count(*) AS n FROM alerts WHERE state = 'open'").get() as { n: number }).n;
}

export function parseAlertCustomers(text: string): number[] {
  try {
    const ids = JSON.parse(text) as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isSafeInteger(id) && id > 0) : [];
  } catch {
    return [];
  }
}

/** Where counting starts again for a user and rule (after a step-up or a block), ISO. */
export function countedFrom(db: Db, userId: number, rule: MonitorRuleId): string | undefined {
  const row = cachedStatement(db, 'SELECT counted_from AS at FROM monitor_marks WHERE user_id = ? AND rule_id = ?').get(userId, rule) as { at: string } | undefined;
  return row?.at;
}

export function markCountedFrom(db: Db, userId: number, rule: MonitorRuleId, at: Date): void {
  db.prepare('INSERT INTO monitor_marks (user_id, rule_id, counted_from) VALUES (?, ?, ?) ON CONFLICT(user_id, rule_id) DO UPDATE SET counted_from = excluded.counted_from').run(
    userId,
    rule,
    at.toISOString(),
  );
}

export function stepUpPending(db: Db, userId: number): { rule: MonitorRuleId; since: string } | undefined {
  return cachedStatement(db, 'SELECT rule_id AS rule, since FROM monitor_step_up WHERE user_id = ?').get(userId) as { rule: MonitorRuleId; since: string } | undefined;
}

export function requireStepUp(db: Db, userId: number, rule: MonitorRuleId, at: Date): void {
  db.prepare('INSERT INTO monitor_step_up (user_id, rule_id, since) VALUES (?, ?, ?) ON CONFLICT(user_id) DO NOTHING').run(userId, rule, at.toISOString());
}

export function clearStepUp(db: Db, userId: number): void {
  db.prepare('DELETE FROM monitor_step_up WHERE user_id = ?').run(userId);
}

/** One user's monitored audit rows since `from` (ISO), oldest first: the counts after a restart. */
export function* monitoredRowsOf(
  db: Db,
  userId: number,
  from: string,
  actions: readonly string[],
): Generator<{ at: string; action: string; outcome: 'ok'; entity: string | null; recordId: string | null; reason: string | null; customerIds: number[] | undefined }> {
  const rows = db
    .prepare(
      `SELECT at, action, entity, record_id AS recordId, reason, customer_ids AS customerIds FROM audit_log
        WHERE user_id = ? AND at >= ? AND outcome = 'ok' AND action IN (${actions.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .iterate(userId, from, ...actions) as IterableIterator<{ at: string; action: string; entity: string | null; recordId: string | null; reason: string | null; customerIds: string | null }>;
  for (const row of rows) yield { ...row, outcome: 'ok', customerIds: row.customerIds === null ? undefined : decodeCustomerIds(row.customerIds) };
}

export function userById(db: Db, id: number): { id: number; username: string; role: string; status: string } | undefined {
  return db.prepare('SELECT id, username, role, status FROM users WHERE id = ?').get(id) as { id: number; username: string; role: string; status: string } | undefined;
}
