import type { Db } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';
import { DAY_MS, HOUR_MS } from '../platform/time';

// Every read here is an index range or a handful of rows of the counts migrations 021 and 024
// keep; tests/unit/dashboard-plans.test.ts pins their query plans (no SCAN of customers,
// interactions or reminders), and tests/integration/dashboard-reference.test.ts checks them
// against the plain queries they replace.

/** 'YYYY-MM-DDTHH', the key of an interaction_hours row (migration 021): the UTC hour. */
const hourKey = (ms: number) => new Date(ms).toISOString().slice(0, 13);

const one = (db: Db, sql: string, ...params: (string | number)[]) => (cachedStatement(db, sql).get(...params) as { n: number }).n;

/** Interactions of live customers (of one owner, or all) in [from, to), counted row by row: for partial hours only. */
function countRaw(db: Db, from: number, to: number, ownerId: number | undefined): number {
  if (to <= from) return 0;
  const [start, end] = [new Date(from).toISOString(), new Date(to).toISOString()];
  return ownerId === undefined
    ? one(db, 'SELECT count(*) AS n FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE i.at >= ? AND i.at < ? AND c.deleted_at IS NULL', start, end)
    : one(db, 'SELECT count(*) AS n FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE i.at >= ? AND i.at < ? AND c.deleted_at IS NULL AND c.owner_id = ?', start, end, ownerId);
}

function sumHours(db: Db, fromHour: string, toHour: string, ownerId: number | undefined): number {
  return ownerId === undefined
    ? one(db, 'SELECT coalesce(sum(n), 0) AS n FROM interaction_hours WHERE hour >= ? AND hour < ?', fromHour, toHour)
    : one(db, 'SELECT coalesce(sum(n), 0) AS n FROM interaction_hours WHERE owner_id = ? AND hour >= ? AND hour < ?', ownerId, fromHour, toHour);
}

/**
 * Interactions in [from, to) from the hourly counts the triggers keep: whole hours from the
 * table, and the two partial hours at the ends (a week that starts at :30 UTC) counted directly
 * from the interactions of that part-hour only (an index range, a handful of rows).
 */
export function interactionsBetween(db: Db, from: Date, to: Date, ownerId: number | undefined): number {
  const start = from.getTime();
  const end = to.getTime();
  const firstWhole = Math.ceil(start / HOUR_MS) * HOUR_MS;
  const lastWhole = Math.floor(end / HOUR_MS) * HOUR_MS;
  if (firstWhole >= lastWhole) return countRaw(db, start, end, ownerId);
  return countRaw(db, start, firstWhole, ownerId) + sumHours(db, hourKey(firstWhole), hourKey(lastWhole), ownerId) + countRaw(db, lastWhole, end, ownerId);
}

/** Live customers (of one owner, or all): one row of customer_totals per owner (migration 024). */
export function liveCustomers(db: Db, ownerId: number | undefined): number {
  return ownerId === undefined
    ? one(db, 'SELECT coalesce(sum(n), 0) AS n FROM customer_totals')
    : one(db, 'SELECT coalesce(sum(n), 0) AS n FROM customer_totals WHERE owner_id = ?', ownerId);
}

/**
 * The two kinds of day customer_days counts, each with the partial index that orders live
 * customers by the same value (migrations 008 and 021), for the boundary's own day.
 */
const DAY_COUNTS = {
  created: {
    column: 'created',
    all: 'SELECT count(*) AS n FROM customers INDEXED BY customers_by_created WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?',
    owner: 'SELECT count(*) AS n FROM customers INDEXED BY customers_by_owner_created WHERE deleted_at IS NULL AND owner_id = ? AND created_at >= ? AND created_at < ?',
  },
  quiet: {
    column: 'quiet',
    all: 'SELECT count(*) AS n FROM customers INDEXED BY customers_by_quiet WHERE deleted_at IS NULL AND coalesce(last_interaction_at, created_at) >= ? AND coalesce(last_interaction_at, created_at) < ?',
    owner: 'SELECT count(*) AS n FROM customers INDEXED BY customers_by_owner_quiet WHERE deleted_at IS NULL AND owner_id = ? AND coalesce(last_interaction_at, created_at) >= ? AND coalesce(last_interaction_at, created_at) < ?',
  },
} as const;

/**
 * Live customers (of one owner, or all) whose value (created_at, or last contact falling back to
 * creation) is at or after `since`, compared as text like the column. A value's first ten
 * characters (its UTC day) decide the comparison unless they equal the boundary's, so: the kept
 * counts of the days after `since`'s day, plus the customers of that one day at or after `since`,
 * counted from the index (a day's worth of rows). Exact for any stored text.
 */
function countSince(db: Db, kind: keyof typeof DAY_COUNTS, since: string, ownerId: number | undefined): number {
  const spec = DAY_COUNTS[kind];
  const day = since.slice(0, 10);
  const nextDay = new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
  const days =
    ownerId === undefined
      ? one(db, `SELECT coalesce(sum(${spec.column}), 0) AS n FROM customer_days WHERE day > ?`, day)
      : one(db, `SELECT coalesce(sum(${spec.column}), 0) AS n FROM customer_days WHERE owner_id = ? AND day > ?`, ownerId, day);
  // The boundary day's own customers: [since, next day), which holds every text starting with `day`.
  const partial = ownerId === undefined ? one(db, spec.all, since, nextDay) : one(db, spec.owner, ownerId, since, nextDay);
  return days + partial;
}

/** Live customers (of one owner, or all) created at or after `since`. */
export function createdSince(db: Db, since: string, ownerId: number | undefined): number {
  return countSince(db, 'created', since, ownerId);
}

/** Live customers (of one owner, or all) whose last contact, or creation if never contacted, is at or after `since`. */
export function countActiveSince(db: Db, since: string, ownerId: number | undefined): number {
  return countSince(db, 'quiet', since, ownerId);
}

/**
 * The five live customers (of one owner, or all) contacted most recently: read from the end of
 * the last-contact index and stopped by the LIMIT; the never-contacted sort as '' and are left
 * out by the range, so SQLite seeks instead of walking the index. Names only: nothing else is shown.
 * hideDormant (sales, support; issue 17): a dormant customer is skipped on the row already read
 * for its name, so the plan is the same.
 */
export function recentlyContacted(db: Db, ownerId: number | undefined, limit: number, hideDormant = false): { id: number; name: string; lastInteractionAt: string }[] {
  const columns = `SELECT c.id, c.name, c.last_interaction_at AS lastInteractionAt FROM customers c WHERE ${hideDormant ? 'c.dormant_at IS NULL AND ' : ''}`;
  const order = "coalesce(c.last_interaction_at, '') > '' ORDER BY coalesce(c.last_interaction_at, '') DESC, c.id DESC LIMIT ?";
  const rows =
    ownerId === undefined
      ? cachedStatement(db, `${columns}c.deleted_at IS NULL AND ${order}`).all(limit)
      : cachedStatement(db, `${columns}c.deleted_at IS NULL AND c.owner_id = ? AND ${order}`).all(ownerId, limit);
  return rows as { id: number; name: string; lastInteractionAt: string }[];
}
