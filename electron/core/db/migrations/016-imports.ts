import type { Migration } from './types';

/**
 * Customers in from files: one batch per commit (file hash, mapping, choice, counts, state), one
 * effect per written row with the before-image of everything it changed, so a whole batch can be
 * undone (created customers removed, updated ones put back), and mappings remembered by the
 * header set they were made for.
 */
export const migration016: Migration = {
  version: 16,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE import_batches (
        id          TEXT PRIMARY KEY,
        user_id     INTEGER NOT NULL REFERENCES users(id),
        file_name   TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        format      TEXT NOT NULL,
        encoding    TEXT,
        mapping     TEXT NOT NULL,
        choice      TEXT NOT NULL,
        counts      TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('running', 'complete', 'cancelled', 'undone')),
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        undone_at   TEXT
      ) STRICT;
      CREATE INDEX import_batches_sha ON import_batches (file_sha256);
      CREATE INDEX import_batches_user ON import_batches (user_id, started_at);
      CREATE TABLE import_effects (
        batch_id         TEXT NOT NULL REFERENCES import_batches(id),
        row              INTEGER NOT NULL,
        customer_id      INTEGER NOT NULL REFERENCES customers(id),
        action           TEXT NOT NULL CHECK (action IN ('new', 'update', 'merge')),
        before           TEXT,
        after_updated_at TEXT NOT NULL,
        PRIMARY KEY (batch_id, row)
      ) STRICT;
      CREATE INDEX import_effects_customer ON import_effects (customer_id);
      CREATE TABLE import_mappings (
        signature TEXT PRIMARY KEY,
        mapping   TEXT NOT NULL,
        saved_at  TEXT NOT NULL,
        user_id   INTEGER NOT NULL REFERENCES users(id)
      ) STRICT;
    `);
  },
};
