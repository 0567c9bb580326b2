import type { Db } from '../db/open-database';

/** Rows that hang off a customer and move to the survivor of a merge, by table. */
export const TIMELINE_TABLES = ['interactions', 'purchases', 'reminders'] as const;
export type TimelineTable = (typeof TIMELINE_TABLES)[number];
export type MovedRows = Record<TimelineTable, number[]>;
export type MoveCounts = Record<TimelineTable, number>;

/** Re-points every timeline row of `from` to `to` and returns the ids that moved, per table. */
export function moveTimeline(db: Db, from: number, to: number): MovedRows {
  const moved = {} as MovedRows;
  for (const table of TIMELINE_TABLES) {
    moved[table] = (db.prepare(`SELECT id FROM ${table} WHERE customer_id = ? ORDER BY id`).all(from) as { id: number }[]).map((r) => r.id);
    db.prepare(`UPDATE ${table} SET customer_id = ? WHERE customer_id = ?`).run(to, from);
  }
  return moved;
}

/** Puts the rows a merge moved back where they came from; only those rows, only if still on the survivor. */
export function moveTimelineBack(db: Db, moved: MovedRows, survivorId: number, sourceId: number): void {
  for (const table of TIMELINE_TABLES) {
    const ids = moved[table];
    // In chunks: SQLite caps the number of bound parameters per statement.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      db.prepare(`UPDATE ${table} SET customer_id = ? WHERE customer_id = ? AND id IN (${chunk.map(() => '?').join(',')})`).run(sourceId, survivorId, ...chunk);
    }
  }
}

export function timelineCounts(db: Db, customerId: number): MoveCounts {
  const counts = {} as MoveCounts;
  for (const table of TIMELINE_TABLES) counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE customer_id = ?`).get(customerId) as { n: number }).n;
  return counts;
}

export function latestInteractionAt(db: Db, customerId: number): string | null {
  return (db.prepare('SELECT max(at) AS at FROM interactions WHERE customer_id = ?').get(customerId) as { at: string | null }).at;
}

/**
 * Sets the two timestamps no field edit sets: the last contact (recomputed after rows moved) and,
 * on undo, updated_at back to its value before the merge, so an undone merge leaves the record as
 * it was (and "edited since" checks elsewhere, such as an import's undo, still hold).
 */
export function setCustomerTimes(db: Db, id: number, times: { updatedAt?: string; lastInteractionAt: string | null }): void {
  if (times.updatedAt === undefined) {
    db.prepare('UPDATE customers SET last_interaction_at = ? WHERE id = ?').run(times.lastInteractionAt, id);
  } else {
    db.prepare('UPDATE customers SET last_interaction_at = ?, updated_at = ? WHERE id = ?').run(times.lastInteractionAt, times.updatedAt, id);
  }
}

/** A customer in any state (live or in the recycle bin), for undo's checks. */
export function findCustomerState(db: Db, id: number): { id: number; name: string; ownerId: number; updatedAt: string; deletedAt: string | null } | undefined {
  return db.prepare('SELECT id, name, owner_id AS ownerId, updated_at AS updatedAt, deleted_at AS deletedAt FROM customers WHERE id = ?').get(id) as
    | { id: number; name: string; ownerId: number; updatedAt: string; deletedAt: string | null }
    | undefined;
}

export interface MergeRow {
  id: string;
  survivorId: number;
  mergedIds: number[];
  before: string;
  userId: number;
  mergedAt: string;
  survivorUpdatedAt: string;
  undoneAt: string | null;
}

const SELECT = `SELECT m.id, m.survivor_id AS survivorId, m.merged_ids AS mergedIds, m.before, m.user_id AS userId, m.merged_at AS mergedAt,
                       m.survivor_updated_at AS survivorUpdatedAt, m.undone_at AS undoneAt FROM customer_merges m`;

function parsed(row: (Omit<MergeRow, 'mergedIds'> & { mergedIds: string }) | undefined): MergeRow | undefined {
  return row && { ...row, mergedIds: JSON.parse(row.mergedIds) as number[] };
}

export function insertMerge(db: Db, row: Omit<MergeRow, 'undoneAt'>): void {
  db.prepare('INSERT INTO customer_merges (id, survivor_id, merged_ids, before, user_id, merged_at, survivor_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.survivorId,
    JSON.stringify(row.mergedIds),
    row.before,
    row.userId,
    row.mergedAt,
    row.survivorUpdatedAt,
  );
}

export function findMerge(db: Db, id: string): MergeRow | undefined {
  return parsed(db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as (Omit<MergeRow, 'mergedIds'> & { mergedIds: string }) | undefined);
}

export function markMergeUndone(db: Db, id: string, at: string): void {
  db.prepare('UPDATE customer_merges SET undone_at = ? WHERE id = ? AND undone_at IS NULL').run(at, id);
}

/**
 * Merges since an instant, newest first, with the merging user's name. With `ownerId`, only
 * merges whose survivor and every source that user owns ('own' row scope).
 */
export function recentMerges(db: Db, since: string, ownerId: number | undefined, limit: number): (MergeRow & { byUsername: string })[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.survivor_id AS survivorId, m.merged_ids AS mergedIds, m.before, m.user_id AS userId, m.merged_at AS mergedAt,
              m.survivor_updated_at AS survivorUpdatedAt, m.undone_at AS undoneAt, u.username AS byUsername
         FROM customer_merges m JOIN users u ON u.id = m.user_id JOIN customers s ON s.id = m.survivor_id
        WHERE m.merged_at >= ?
          AND (? IS NULL OR (s.owner_id = ? AND NOT EXISTS (
                SELECT 1 FROM json_each(m.merged_ids) j JOIN customers c ON c.id = j.value WHERE c.owner_id <> ?)))
        ORDER BY m.merged_at DESC, m.id LIMIT ?`,
    )
    .all(since, ownerId ?? null, ownerId ?? null, ownerId ?? null, limit) as (Omit<MergeRow, 'mergedIds'> & { mergedIds: string; byUsername: string })[];
  return rows.map((row) => ({ ...row, mergedIds: JSON.parse(row.mergedIds) as number[] }));
}

export function customerNames(db: Db, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = db.prepare(`SELECT id, name FROM customers WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * A field erased across all customers (issue 16) goes from every merge's before-image too, so an
 * undo cannot bring the erased values back: it restores the records without them. Returns how
 * many merges held a value. Few rows: merges are kept for 30 days.
 */
export function eraseFieldFromMerges(db: Db, field: string): number {
  type Image = { fields: Record<string, string | null> };
  const rows = db.prepare('SELECT id, before FROM customer_merges').all() as { id: string; before: string }[];
  const update = db.prepare('UPDATE customer_merges SET before = ? WHERE id = ?');
  let touched = 0;
  for (const row of rows) {
    const snapshot = JSON.parse(row.before) as { survivor: Image; sources: Image[] };
    let held = false;
    for (const image of [snapshot.survivor, ...snapshot.sources]) {
      if (image.fields[field] !== null && image.fields[field] !== undefined) {
        held = true;
        image.fields[field] = null;
      }
    }
    if (held) {
      update.run(JSON.stringify(snapshot), row.id);
      touched += 1;
    }
  }
  return touched;
}
