import type { DuplicateChoice, ImportCounts } from '../../../shared/import';
import type { Db } from '../db/open-database';

/** The SQL of imports: batches, per-row effects and remembered mappings (migration 016). */

export type BatchState = 'running' | 'complete' | 'cancelled' | 'undone';

export interface BatchRow {
  id: string;
  userId: number;
  username: string;
  fileName: string;
  fileSha256: string;
  counts: ImportCounts;
  state: BatchState;
  startedAt: string;
  finishedAt: string | null;
}

export interface NewBatch {
  id: string;
  userId: number;
  fileName: string;
  fileSha256: string;
  format: string;
  encoding: string | null;
  mapping: unknown;
  choice: DuplicateChoice;
  counts: ImportCounts;
  startedAt: string;
}

export function insertBatch(db: Db, batch: NewBatch): void {
  db.prepare(
    `INSERT INTO import_batches (id, user_id, file_name, file_sha256, format, encoding, mapping, choice, counts, state, started_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
  ).run(batch.id, batch.userId, batch.fileName, batch.fileSha256, batch.format, batch.encoding, JSON.stringify(batch.mapping), batch.choice, JSON.stringify(batch.counts), batch.startedAt);
}

export function finishBatch(db: Db, id: string, state: 'complete' | 'cancelled', counts: ImportCounts, at: string): void {
  db.prepare("UPDATE import_batches SET state = ?, counts = ?, finished_at = ? WHERE id = ? AND state = 'running'").run(state, JSON.stringify(counts), at, id);
}

export function markUndone(db: Db, id: string, at: string): void {
  db.prepare("UPDATE import_batches SET state = 'undone', undone_at = ? WHERE id = ?").run(at, id);
}

/**
 * Batches left 'running' by a crash or a kill: what their committed transactions wrote stays (and
 * is undoable); the batch itself is closed as cancelled. `except` are the ones running right now.
 */
export function settleInterruptedBatches(db: Db, except: readonly string[], at: string): number {
  const keep = except.length === 0 ? '' : ` AND id NOT IN (${except.map(() => '?').join(',')})`;
  return db.prepare(`UPDATE import_batches SET state = 'cancelled', finished_at = ? WHERE state = 'running'${keep}`).run(at, ...except).changes;
}

const BATCH_SELECT = `
  SELECT b.id, b.user_id AS userId, u.username, b.file_name AS fileName, b.file_sha256 AS fileSha256, b.counts, b.state,
         b.started_at AS startedAt, b.finished_at AS finishedAt
    FROM import_batches b JOIN users u ON u.id = b.user_id`;

const toBatch = (row: Omit<BatchRow, 'counts'> & { counts: string }): BatchRow => ({ ...row, counts: JSON.parse(row.counts) as ImportCounts });

export function findBatch(db: Db, id: string): BatchRow | undefined {
  const row = db.prepare(`${BATCH_SELECT} WHERE b.id = ?`).get(id) as (Omit<BatchRow, 'counts'> & { counts: string }) | undefined;
  return row ? toBatch(row) : undefined;
}

/** Newest first; one user's, or everyone's when userId is undefined. */
export function listBatches(db: Db, userId: number | undefined, limit: number): BatchRow[] {
  const rows = db.prepare(`${BATCH_SELECT} WHERE (? IS NULL OR b.user_id = ?) ORDER BY b.started_at DESC, b.rowid DESC LIMIT ?`).all(userId ?? null, userId ?? null, limit) as (Omit<BatchRow, 'counts'> & { counts: string })[];
  return rows.map(toBatch);
}

/** The last time this exact file (by SHA-256) was imported, and by whom. */
export function lastImportOf(db: Db, sha256: string): { at: string; by: string } | null {
  const row = db
    .prepare(`SELECT b.started_at AS at, u.username AS by FROM import_batches b JOIN users u ON u.id = b.user_id WHERE b.file_sha256 = ? ORDER BY b.started_at DESC LIMIT 1`)
    .get(sha256) as { at: string; by: string } | undefined;
  return row ?? null;
}

export interface EffectRow {
  row: number;
  customerId: number;
  action: 'new' | 'update' | 'merge';
  /** Field -> value before the import (null = was empty); `tags` is the tag list before. */
  before: Record<string, string | null | string[]> | null;
  afterUpdatedAt: string;
}

export function insertEffect(db: Db, batchId: string, effect: EffectRow): void {
  db.prepare('INSERT INTO import_effects (batch_id, row, customer_id, action, before, after_updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    batchId,
    effect.row,
    effect.customerId,
    effect.action,
    effect.before === null ? null : JSON.stringify(effect.before),
    effect.afterUpdatedAt,
  );
}

/** Every effect of a batch, last row first (undo walks them backwards). */
export function effectsOf(db: Db, batchId: string): EffectRow[] {
  const rows = db
    .prepare('SELECT row, customer_id AS customerId, action, before, after_updated_at AS afterUpdatedAt FROM import_effects WHERE batch_id = ? ORDER BY row DESC')
    .all(batchId) as (Omit<EffectRow, 'before'> & { before: string | null })[];
  return rows.map((r) => ({ ...r, before: r.before === null ? null : (JSON.parse(r.before) as EffectRow['before']) }));
}

export function rememberMapping(db: Db, signature: string, mapping: unknown, userId: number, at: string): void {
  db.prepare('INSERT INTO import_mappings (signature, mapping, saved_at, user_id) VALUES (?, ?, ?, ?) ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at, user_id = excluded.user_id').run(
    signature,
    JSON.stringify(mapping),
    at,
    userId,
  );
}

export function rememberedMapping(db: Db, signature: string): { letter: string; target: string }[] | null {
  const row = db.prepare('SELECT mapping FROM import_mappings WHERE signature = ?').get(signature) as { mapping: string } | undefined;
  return row ? (JSON.parse(row.mapping) as { letter: string; target: string }[]) : null;
}

/**
 * A field erased across all customers (issue 16) goes from the import before-images too (an
 * import undo writes them back). The field name comes from the closed list of switchable fields.
 */
export function eraseFieldFromImports(db: Db, field: string): number {
  const path = `$."${field}"`;
  return db
    .prepare("UPDATE import_effects SET before = json_set(before, ?, NULL) WHERE before IS NOT NULL AND json_type(before, ?) <> 'null'")
    .run(path, path).changes;
}
