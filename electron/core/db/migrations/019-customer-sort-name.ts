import type { Migration } from './types';

/**
 * The name sort key kept with the row (pinyin-keys.ts sortNameOf: 'wang wei\u0001王伟'), so the
 * list sorts Chinese and Latin names interleaved by index at 100,000 customers, and its two
 * indexes: everyone's list (sort_name, id) and a salesperson's own book (owner_id, sort_name, id),
 * the same shapes as customers_by_name and customers_by_owner_name (migrations 4 and 10) that
 * served the code-point sort. A migration cannot load pinyin-pro's dictionary without blocking
 * unlock, so existing rows get the Latin form here (right for Latin names at once, never NULL)
 * and the background rebuild (its index version bumped with this) writes the pinyin.
 */
export const migration019: Migration = {
  version: 19,
  name: 'customer-sort-name',
  up(db) {
    db.exec(`
      ALTER TABLE customers ADD COLUMN sort_name TEXT;
      UPDATE customers SET sort_name = lower(trim(name)) || char(1) || name;
      CREATE INDEX customers_by_sort_name ON customers (sort_name, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_owner_sort_name ON customers (owner_id, sort_name, id) WHERE deleted_at IS NULL;
      DELETE FROM meta WHERE key IN ('pinyin_index_version', 'pinyin_rebuild');
    `);
  },
};
