import type { Migration } from './types';

/**
 * The shop profile (one row: the name on screen, the currency money is shown in) and the lists of
 * tags, levels and regions the owner manages in Settings. Customers keep their plain values: a
 * list is what forms and filters offer, and a rename in Settings rewrites the customers' values
 * in the same transaction (shop-settings-service.ts).
 *
 * The tag and region lists start as the values customers already use, so an existing vault's
 * filters offer what they offered before. Levels are the three the customers table allows; the
 * owner gives them their own names (label) and order.
 */
export const migration022: Migration = {
  version: 22,
  name: 'shop-settings',
  up(db) {
    db.exec(`
      CREATE TABLE shop_profile (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        name       TEXT NOT NULL DEFAULT '',
        currency   TEXT NOT NULL DEFAULT 'CNY',
        updated_at TEXT
      ) STRICT;
      INSERT INTO shop_profile (id) VALUES (1);

      CREATE TABLE managed_list_values (
        list     TEXT NOT NULL CHECK (list IN ('tag', 'level', 'region')),
        value    TEXT NOT NULL,
        label    TEXT,
        position INTEGER NOT NULL,
        PRIMARY KEY (list, value)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO managed_list_values (list, value, position) VALUES ('level', 'vip', 0), ('level', 'regular', 1), ('level', 'prospect', 2);
      INSERT INTO managed_list_values (list, value, position)
        SELECT 'tag', tag, row_number() OVER (ORDER BY tag) - 1 FROM (SELECT DISTINCT t.tag FROM customer_tags t JOIN customers c ON c.id = t.customer_id WHERE c.deleted_at IS NULL);
      INSERT INTO managed_list_values (list, value, position)
        SELECT 'region', region, row_number() OVER (ORDER BY region) - 1 FROM (SELECT DISTINCT region FROM customers WHERE deleted_at IS NULL AND region IS NOT NULL AND region <> '');
    `);
  },
};
