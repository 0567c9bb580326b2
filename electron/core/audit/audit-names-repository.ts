import type { Db } from '../db/open-database';

/** SQLite's bound-parameter limit is far above a page of 500 rows, but stay well under it. */
const CHUNK = 400;

function inChunks<T>(ids: readonly number[], select: (part: number[]) => T[]): T[] {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...select(unique.slice(i, i + CHUNK)));
  return out;
}

/** Display names of users by id (accounts are never deleted, so every id in the log resolves). */
export function displayNamesOf(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = inChunks(ids, (part) =>
    db.prepare(`SELECT id, display_name AS displayName FROM users WHERE id IN (${part.map(() => '?').join(', ')})`).all(...part) as { id: number; displayName: string }[],
  );
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** Name and owner of customers by id, the recycle bin included (a log row outlives the delete). */
export function customerNamesOf(db: Db, ids: readonly number[]): { id: number; name: string; ownerId: number }[] {
  return inChunks(ids, (part) =>
    db.prepare(`SELECT id, name, owner_id AS ownerId FROM customers WHERE id IN (${part.map(() => '?').join(', ')})`).all(...part) as { id: number; name: string; ownerId: number }[],
  );
}

/** Everyone who could appear in the log, for the page's user filter: display name order. */
export function auditPeople(db: Db): { username: string; displayName: string }[] {
  return db.prepare('SELECT username, display_name AS displayName FROM users ORDER BY display_name COLLATE NOCASE, username').all() as { username: string; displayName: string }[];
}
