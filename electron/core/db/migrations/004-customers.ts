import type { Migration } from './types';

/**
 * Customers and their tags. Sensitive columns (mobile, phone, email, address_detail, id_number,
 * bank_card) are ordinary columns inside the encrypted database; who sees them in full is decided
 * in main by shared/field-policy.ts before anything crosses the bridge. Soft delete keeps a recycle bin.
 */
export const migration004: Migration = {
  version: 4,
  name: 'customers',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id                  INTEGER PRIMARY KEY,
        name                TEXT NOT NULL,
        mobile              TEXT,
        phone               TEXT,
        email               TEXT,
        province            TEXT,
        city                TEXT,
        address_detail      TEXT,
        company             TEXT,
        industry            TEXT,
        region              TEXT,
        source              TEXT,
        level               TEXT NOT NULL DEFAULT 'regular' CHECK (level IN ('vip', 'regular', 'prospect')),
        owner_id            INTEGER NOT NULL REFERENCES users(id),
        notes               TEXT,
        id_number           TEXT,
        bank_card           TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        last_interaction_at TEXT,
        deleted_at          TEXT
      ) STRICT;

      -- Keyset paging by (sort key, id) for the list; the owner index serves sales' row scope.
      CREATE INDEX customers_by_owner   ON customers (owner_id, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_name    ON customers (name, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_updated ON customers (updated_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_level   ON customers (level, id) WHERE deleted_at IS NULL;

      CREATE TABLE customer_tags (
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        tag         TEXT NOT NULL,
        PRIMARY KEY (customer_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX customer_tags_by_tag ON customer_tags (tag, customer_id);
    `);
  },
};
