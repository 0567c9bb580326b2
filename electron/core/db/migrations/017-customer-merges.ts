import type { Migration } from './types';

/**
 * Merges of two or three customers, kept so one can be undone for 30 days. `before` holds the
 * survivor's fields and tags as they were and every source row in full, plus the ids of the
 * interactions, purchases and reminders that moved and where from: undo needs nothing else.
 * `survivor_updated_at` is the survivor's updated_at right after the merge; a later edit
 * changes it, and undo then refuses rather than overwrite that edit.
 */
export const migration017: Migration = {
  version: 17,
  name: 'customer-merges',
  up(db) {
    db.exec(`
      CREATE TABLE customer_merges (
        id                  TEXT PRIMARY KEY,
        survivor_id         INTEGER NOT NULL REFERENCES customers(id),
        merged_ids          TEXT NOT NULL CHECK (json_valid(merged_ids) AND json_array_length(merged_ids) BETWEEN 1 AND 2),
        before              TEXT NOT NULL CHECK (json_valid(before)),
        user_id             INTEGER NOT NULL REFERENCES users(id),
        merged_at           TEXT NOT NULL,
        survivor_updated_at TEXT NOT NULL,
        undone_at           TEXT
      ) STRICT;
      CREATE INDEX customer_merges_by_time ON customer_merges (merged_at, id);
      CREATE INDEX customer_merges_by_survivor ON customer_merges (survivor_id);
    `);
  },
};
