import type { DayKind, DeadlineRule, RequestState, RequestType } from '../../../shared/privacy-requests';
import type { PrivacyRegime } from '../../../shared/privacy';
import type { Calendar } from '../../../shared/working-days';
import type { Db } from '../db/open-database';

/** SQL of the request register (migration 030); the service owns transactions and rules. */
export interface RequestRow {
  id: number;
  type: RequestType;
  receivedOn: string;
  channel: string;
  summary: string;
  regime: PrivacyRegime;
  dueOn: string;
  ackDueOn: string | null;
  acknowledgedOn: string | null;
  extendedDueOn: string | null;
  extensionReason: string | null;
  extensionNoticeOn: string | null;
  state: RequestState;
  identityMethod: string | null;
  identityNote: string | null;
  identityCheckedBy: string | null;
  identityCheckedAt: string | null;
  handlerId: number | null;
  handlerName: string | null;
  outcome: string | null;
  analysis: string | null;
  refusalReason: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT r.id, r.type, r.received_on AS receivedOn, r.channel, r.summary, r.regime, r.due_on AS dueOn, r.ack_due_on AS ackDueOn,
  r.acknowledged_on AS acknowledgedOn, r.extended_due_on AS extendedDueOn, r.extension_reason AS extensionReason, r.extension_notice_on AS extensionNoticeOn,
  r.state, r.identity_method AS identityMethod, r.identity_note AS identityNote, v.display_name AS identityCheckedBy, r.identity_checked_at AS identityCheckedAt,
  r.handler_id AS handlerId, h.display_name AS handlerName, r.outcome, r.analysis, r.refusal_reason AS refusalReason, r.created_at AS createdAt, r.updated_at AS updatedAt
  FROM privacy_requests r LEFT JOIN users h ON h.id = r.handler_id LEFT JOIN users v ON v.id = r.identity_checked_by`;

export function insertRequest(
  db: Db,
  row: { type: RequestType; receivedOn: string; channel: string; summary: string; regime: PrivacyRegime; dueOn: string; ackDueOn: string | null; handlerId: number | null; userId: number; at: string },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO privacy_requests (type, received_on, channel, summary, regime, due_on, ack_due_on, handler_id, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.type, row.receivedOn, row.channel, row.summary, row.regime, row.dueOn, row.ackDueOn, row.handlerId, row.at, row.userId, row.at).lastInsertRowid,
  );
}

export function findRequest(db: Db, id: number): RequestRow | undefined {
  return db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RequestRow | undefined;
}

/** Newest first; the service filters open/overdue on the effective deadline. */
export function listRequests(db: Db, filter: { type?: RequestType; states?: readonly RequestState[]; customerId?: number }): RequestRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.type) {
    where.push('r.type = ?');
    args.push(filter.type);
  }
  if (filter.states) {
    where.push(`r.state IN (${filter.states.map(() => '?').join(',')})`);
    args.push(...filter.states);
  }
  if (filter.customerId !== undefined) {
    where.push('r.id IN (SELECT request_id FROM privacy_request_customers WHERE customer_id = ?)');
    args.push(filter.customerId);
  }
  return db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id DESC LIMIT 1000`).all(...args) as RequestRow[];
}

/** Column updates the service has already validated; names are fixed here, never from input. */
const COLUMNS = {
  state: 'state',
  identityMethod: 'identity_method',
  identityNote: 'identity_note',
  identityCheckedBy: 'identity_checked_by',
  identityCheckedAt: 'identity_checked_at',
  handlerId: 'handler_id',
  outcome: 'outcome',
  analysis: 'analysis',
  refusalReason: 'refusal_reason',
  acknowledgedOn: 'acknowledged_on',
  extendedDueOn: 'extended_due_on',
  extensionReason: 'extension_reason',
  extensionNoticeOn: 'extension_notice_on',
} as const;

export function updateRequest(db: Db, id: number, changes: Partial<Record<keyof typeof COLUMNS, string | number | null>>, at: string): void {
  const keys = Object.keys(changes) as (keyof typeof COLUMNS)[];
  const sets = [...keys.map((k) => `${COLUMNS[k]} = ?`), 'updated_at = ?'];
  db.prepare(`UPDATE privacy_requests SET ${sets.join(', ')} WHERE id = ?`).run(...keys.map((k) => changes[k] ?? null), at, id);
}

export function insertEvent(
  db: Db,
  event: { requestId: number; at: string; userId: number; kind: string; fromState?: string | null; toState?: string | null; customerId?: number | null; fields?: string[] | null; note?: string | null },
): void {
  db.prepare('INSERT INTO privacy_request_events (request_id, at, user_id, kind, from_state, to_state, customer_id, fields, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    event.requestId,
    event.at,
    event.userId,
    event.kind,
    event.fromState ?? null,
    event.toState ?? null,
    event.customerId ?? null,
    event.fields && event.fields.length > 0 ? JSON.stringify(event.fields) : null,
    event.note ?? null,
  );
}

export interface EventRow {
  at: string;
  by: string;
  kind: string;
  fromState: string | null;
  toState: string | null;
  customerId: number | null;
  fields: string | null;
  note: string | null;
}

export function requestEvents(db: Db, requestId: number): EventRow[] {
  return db
    .prepare(
      `SELECT e.at, u.display_name AS by, e.kind, e.from_state AS fromState, e.to_state AS toState, e.customer_id AS customerId, e.fields, e.note
       FROM privacy_request_events e JOIN users u ON u.id = e.user_id WHERE e.request_id = ? ORDER BY e.id`,
    )
    .all(requestId) as EventRow[];
}

export function linkCustomer(db: Db, requestId: number, customerId: number, userId: number, at: string): boolean {
  return db.prepare('INSERT OR IGNORE INTO privacy_request_customers (request_id, customer_id, linked_at, linked_by) VALUES (?, ?, ?, ?)').run(requestId, customerId, at, userId).changes === 1;
}

export function unlinkCustomer(db: Db, requestId: number, customerId: number): boolean {
  return db.prepare('DELETE FROM privacy_request_customers WHERE request_id = ? AND customer_id = ?').run(requestId, customerId).changes === 1;
}

export function isLinked(db: Db, requestId: number, customerId: number): boolean {
  return db.prepare('SELECT 1 FROM privacy_request_customers WHERE request_id = ? AND customer_id = ?').get(requestId, customerId) !== undefined;
}

/** Linked customers; name is null once the customer is gone (deleted or erased). */
export function linkedCustomers(db: Db, requestIds: readonly number[]): { requestId: number; customerId: number; name: string | null }[] {
  if (requestIds.length === 0) return [];
  return db
    .prepare(
      `SELECT l.request_id AS requestId, l.customer_id AS customerId, c.name AS name FROM privacy_request_customers l
       LEFT JOIN customers c ON c.id = l.customer_id AND c.deleted_at IS NULL
       WHERE l.request_id IN (${requestIds.map(() => '?').join(',')}) ORDER BY l.linked_at, l.customer_id`,
    )
    .all(...requestIds) as { requestId: number; customerId: number; name: string | null }[];
}

export function liveCustomerExists(db: Db, customerId: number): boolean {
  return db.prepare('SELECT 1 FROM customers WHERE id = ? AND deleted_at IS NULL').get(customerId) !== undefined;
}

/** Active users who may handle requests (the roles are decided by the service). */
export function activeUsers(db: Db): { id: number; username: string; displayName: string; role: string }[] {
  return db.prepare("SELECT id, username, display_name AS displayName, role FROM users WHERE status = 'active' ORDER BY display_name COLLATE NOCASE").all() as {
    id: number;
    username: string;
    displayName: string;
    role: string;
  }[];
}

export function readRules(db: Db): DeadlineRule[] {
  return db
    .prepare('SELECT regime, amount, unit, ack_days AS ackDays, extend_amount AS extendAmount, extend_unit AS extendUnit, remind_days AS remindDays FROM privacy_deadline_rules ORDER BY regime')
    .all() as DeadlineRule[];
}

export function readRule(db: Db, regime: PrivacyRegime): DeadlineRule {
  return readRules(db).find((r) => r.regime === regime)!;
}

export function writeRule(db: Db, rule: DeadlineRule, userId: number, at: string): void {
  db.prepare('UPDATE privacy_deadline_rules SET amount = ?, unit = ?, ack_days = ?, extend_amount = ?, extend_unit = ?, remind_days = ?, updated_at = ?, updated_by = ? WHERE regime = ?').run(
    rule.amount,
    rule.unit,
    rule.ackDays,
    rule.extendAmount,
    rule.extendUnit,
    rule.remindDays,
    at,
    userId,
    rule.regime,
  );
}

export function readCalendar(db: Db): Calendar {
  const rows = db.prepare('SELECT day, kind FROM privacy_calendar').all() as { day: string; kind: DayKind }[];
  return new Map(rows.map((r) => [r.day, r.kind]));
}

/** verify: a shipped day nobody has confirmed yet (migration 036's provisional 2027). */
export function calendarDays(db: Db, year: number): { day: string; kind: DayKind; name: string; verify: boolean }[] {
  const rows = db.prepare('SELECT day, kind, name, verify FROM privacy_calendar WHERE day BETWEEN ? AND ? ORDER BY day').all(`${year}-01-01`, `${year}-12-31`) as { day: string; kind: DayKind; name: string; verify: number }[];
  return rows.map((r) => ({ ...r, verify: r.verify === 1 }));
}

export function setCalendarDay(db: Db, day: string, kind: DayKind | null, name: string): void {
  if (kind === null) db.prepare('DELETE FROM privacy_calendar WHERE day = ?').run(day);
  else db.prepare('INSERT INTO privacy_calendar (day, kind, name) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, verify = 0').run(day, kind, name);
}
