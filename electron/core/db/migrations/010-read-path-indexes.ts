import type { Migration } from './types';

/**
 * Indexes the 100,000-customer benchmark (npm run bench, docs/benchmarks.md) showed missing:
 * - customer_grams is keyed (gram, customer_id) for search, so re-indexing one customer on every
 *   update scanned all ~2 million grams: 150 ms per update, 5 ms with (customer_id, gram).
 * - a salesperson's page (own customers, by name) walked the name index of everyone's customers
 *   and dropped the others' rows; (owner_id, name, id) serves it directly.
 */
export const migration010: Migration = {
  version: 10,
  name: 'read-path-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX customer_grams_by_customer ON customer_grams (customer_id, gram);
      CREATE INDEX customers_by_owner_name ON customers (owner_id, name, id) WHERE deleted_at IS NULL;
    `);
  },
};
