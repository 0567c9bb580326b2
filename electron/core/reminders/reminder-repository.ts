import { conditions } from '../db/conditions';
import type { Db } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';
import type { MarketingPurpose } from '../../../shared/consent';

export interface ReminderRow {
  id: number;
  customerId: number;
  customerName: string;
  customerOwnerId: number;
  ownerId: number;
  ownerUsername: string;
  createdBy: number;
  dueAt: string;
  note: string;
  status: 'open' | 'done';
  snoozed: number;
  purpose: MarketingPurpose | null;
  /** 1: the customer's latest consent event for this reminder's purpose is a withdrawal. */
  withdrawn: number;
  /** The customer's dormant mark (issue 17): such a reminder is out of reach for sales and support. */
  customerDormantAt: string | null;
}

/**
 * A marketing reminder is stopped by its customer's latest consent event for its purpose (read
 * now, so a withdrawal recorded after the reminder was made stops it too). One index probe per
 * reminder with a purpose (consent_events_latest, migration 037); none for ordinary follow-ups.
 */
const withdrawnOf = (r: string) => `(${r}.purpose IS NOT NULL AND coalesce((SELECT e.event FROM consent_events e
    WHERE e.customer_id = ${r}.customer_id AND e.purpose = ${r}.purpose AND e.custom_label IS NULL
    ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1), '') = 'withdrawn')`;
const WITHDRAWN = withdrawnOf('r');

const SELECT = `
  SELECT r.id, r.customer_id AS customerId, c.name AS customerName, c.owner_id AS customerOwnerId,
         r.owner_id AS ownerId, u.username AS ownerUsername, r.created_by AS createdBy, r.due_at AS dueAt, r.note, r.status, r.snoozed,
         r.purpose, ${WITHDRAWN} AS withdrawn, c.dormant_at AS customerDormantAt
    FROM reminders r JOIN customers c ON c.id = r.customer_id JOIN users u ON u.id = r.owner_id`;

export function insertReminder(db: Db, entry: { customerId: number; ownerId: number; dueAt: string; note: string; createdBy: number; purpose?: MarketingPurpose | null }, now: string): number {
  return Number(
    db
      .prepare('INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at, purpose) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.customerId, entry.ownerId, entry.dueAt, entry.note, entry.createdBy, now, entry.purpose ?? null).lastInsertRowid,
  );
}

/** A reminder of a live customer (reminders of customers in the recycle bin are out of sight too). */
export function findReminder(db: Db, id: number): ReminderRow | undefined {
  return db.prepare(`${SELECT} WHERE r.id = ? AND c.deleted_at IS NULL`).get(id) as ReminderRow | undefined;
}

export function completeReminder(db: Db, id: number, now: string): void {
  db.prepare("UPDATE reminders SET status = 'done', done_at = ? WHERE id = ? AND status = 'open'").run(now, id);
}

/** Moves the due time; clearing notified_at lets the new time notify again. */
export function snoozeReminder(db: Db, id: number, until: string): void {
  db.prepare("UPDATE reminders SET due_at = ?, snoozed = snoozed + 1, notified_at = NULL WHERE id = ? AND status = 'open'").run(until, id);
}

export interface ReminderQuery {
  /** Only reminders on customers this user owns (row scope 'own'). */
  customerOwnerId?: number;
  /** Only reminders assigned to this user. */
  ownerId?: number;
  customerId?: number;
  dueFrom?: string;
  dueBefore?: string;
  status: 'open' | 'done';
  limit: number;
  offset?: number;
  /** Leave out marketing reminders whose purpose the customer withdrew (what is shown as due). */
  dueOnly?: boolean;
  /** Leave out reminders of dormant customers (issue 17: sales and support do not see them). */
  hideDormant?: boolean;
}

/**
 * scope_owner_id (migration 021) is the customer's owner while the customer is live, so neither
 * the recycle-bin check nor the sales scope needs the customers table. The status is written into
 * the SQL (it is one of two constants) so SQLite can use the partial index of open reminders.
 */
function whereOf(query: Omit<ReminderQuery, 'limit'>): { sql: string; params: (string | number)[] } {
  const where = conditions([`r.status = '${query.status === 'done' ? 'done' : 'open'}'`, 'r.scope_owner_id IS NOT NULL']);
  where.add('r.scope_owner_id = ?', query.customerOwnerId);
  where.add('r.owner_id = ?', query.ownerId);
  where.add('r.customer_id = ?', query.customerId);
  where.add('r.due_at >= ?', query.dueFrom);
  where.add('r.due_at < ?', query.dueBefore);
  const sql = where.sql();
  return { sql: query.dueOnly ? `${sql} AND NOT ${WITHDRAWN}` : sql, params: where.params };
}

export function listReminders(db: Db, query: ReminderQuery): ReminderRow[] {
  const { sql, params } = whereOf(query);
  const live = query.hideDormant ? ' AND c.dormant_at IS NULL' : '';
  // Cached: a handful of SQL shapes (which filters are set), run on every dashboard visit and tab.
  return cachedStatement(db, `${SELECT} WHERE ${sql}${live} ORDER BY r.due_at, r.id LIMIT ? OFFSET ?`).all(...params, query.limit, query.offset ?? 0) as ReminderRow[];
}

/** The index that answers a count from its own entries (no row reads), by what the count is scoped to. */
function countIndex(query: Omit<ReminderQuery, 'limit'>): string {
  if (query.customerId !== undefined) return '';
  if (query.ownerId !== undefined) return 'INDEXED BY reminders_assignee_by_due';
  if (query.customerOwnerId !== undefined) return 'INDEXED BY reminders_scope_by_due';
  return 'INDEXED BY reminders_live_by_due';
}

export function countReminders(db: Db, query: Omit<ReminderQuery, 'limit'>): number {
  const { sql, params } = whereOf(query);
  const n = (cachedStatement(db, `SELECT count(*) AS n FROM reminders r ${countIndex(query)} WHERE ${sql}`).get(...params) as { n: number }).n;
  return query.hideDormant ? n - countDormantReminders(db, query) : n;
}

/**
 * The reminders among a count that belong to dormant customers, to take off it for a role that
 * does not see them. Walked from the dormant side (the partial index of dormant customers, then
 * each one's reminders), so the reminders count itself stays index-only; the range on dormant_at
 * (never '') keeps that a search of the partial index.
 */
export function countDormantReminders(db: Db, query: Omit<ReminderQuery, 'limit'>): number {
  const { sql, params } = whereOf(query);
  return (
    cachedStatement(db, `SELECT count(*) AS n FROM customers d INDEXED BY customers_dormant JOIN reminders r INDEXED BY reminders_by_customer ON r.customer_id = d.id WHERE d.dormant_at > '' AND ${sql}`).get(...params) as { n: number }
  ).n;
}

/**
 * All reminders of one status in sight (of one scope and/or assignee, or all), from the counts
 * migration 024 keeps: a few rows, however many reminders were ever made or done.
 */
export function countAllReminders(db: Db, query: Pick<ReminderQuery, 'status' | 'customerOwnerId' | 'ownerId' | 'hideDormant'>): number {
  const where = conditions(['status = ?'], [query.status]);
  where.add('scope_owner_id = ?', query.customerOwnerId);
  where.add('owner_id = ?', query.ownerId);
  const n = (cachedStatement(db, `SELECT coalesce(sum(n), 0) AS n FROM reminder_totals WHERE ${where.sql()}`).get(...where.params) as { n: number }).n;
  // The kept totals do not know dormancy: the dormant customers' share is taken off from their side.
  return query.hideDormant ? n - countDormantReminders(db, query) : n;
}

/**
 * Open reminders of this user that fell due and were not announced yet; marks them announced in
 * the same statement order, so two polls never announce the same reminder twice.
 */
export function takeNewlyDue(db: Db, ownerId: number, now: string): number {
  return db
    .prepare(
      `UPDATE reminders SET notified_at = ?
        WHERE status = 'open' AND notified_at IS NULL AND owner_id = ? AND due_at <= ?
          AND customer_id IN (SELECT id FROM customers WHERE deleted_at IS NULL)
          AND NOT ${withdrawnOf('reminders')}`,
    )
    .run(now, ownerId, now).changes;
}
