import type { Db } from '../db/open-database';

const HOUR_MS = 60 * 60 * 1000;
/** 'YYYY-MM-DDTHH', the key of an interaction_hours row (migration 021): the UTC hour. */
const hourKey = (ms: number) => new Date(ms).toISOString().slice(0, 13);

/** Interactions of live customers (of one owner, or all) in [from, to), counted row by row: for partial hours only. */
function countRaw(db: Db, from: number, to: number, ownerId: number | undefined): number {
  if (to <= from) return 0;
  return (
    db
      .prepare(
        `SELECT count(*) AS n FROM interactions i JOIN customers c ON c.id = i.customer_id
          WHERE i.at >= ? AND i.at < ? AND c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?)`,
      )
      .get(new Date(from).toISOString(), new Date(to).toISOString(), ownerId ?? null, ownerId ?? null) as { n: number }
  ).n;
}

function sumHours(db: Db, fromHour: string, toHour: string, ownerId: number | undefined): number {
  const sql =
    ownerId === undefined
      ? 'SELECT coalesce(sum(n), 0) AS n FROM interaction_hours WHERE hour >= ? AND hour < ?'
      : 'SELECT coalesce(sum(n), 0) AS n FROM interaction_hours WHERE owner_id = ? AND hour >= ? AND hour < ?';
  const params = ownerId === undefined ? [fromHour, toHour] : [ownerId, fromHour, toHour];
  return (db.prepare(sql).get(...params) as { n: number }).n;
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

/** Live customers (of one owner, or all) whose last contact, or creation if never contacted, is at or after `since`. */
export function countActiveSince(db: Db, since: string, ownerId: number | undefined): number {
  const sql = `SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL AND coalesce(last_interaction_at, created_at) >= ?${ownerId === undefined ? '' : ' AND owner_id = ?'}`;
  return (db.prepare(sql).get(...(ownerId === undefined ? [since] : [since, ownerId])) as { n: number }).n;
}
