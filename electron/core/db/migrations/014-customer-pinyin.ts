import type { Migration } from './types';

/**
 * Pinyin keys of customer names (wangwei, ww, wangw for 王伟), one row per key, computed in JS by
 * pinyin-pro when the customer is written. A B-tree answers exact keys and prefixes (key >= q AND
 * key < q || '{') by index; FTS5 cannot run a JS tokenizer under better-sqlite3. Existing rows are
 * filled by the background rebuild (the stored index version is absent after this migration),
 * not here: a migration cannot load pinyin-pro's dictionary without blocking unlock.
 */
export const migration014: Migration = {
  version: 14,
  name: 'customer-pinyin',
  up(db) {
    db.exec(`
      CREATE TABLE customer_pinyin (
        key         TEXT NOT NULL,
        customer_id INTEGER NOT NULL,
        kind        INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),
        PRIMARY KEY (key, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX customer_pinyin_customer ON customer_pinyin (customer_id);
      DELETE FROM meta WHERE key IN ('pinyin_index_version', 'pinyin_rebuild');
    `);
  },
};
