import type { Migration } from './types';

/**
 * The data-quality report's "no way to reach this customer" list (no mobile, phone or e-mail)
 * was a scan of every customer for its count: a partial index holds only those customers, so
 * counting and paging them reads nothing else. Its WHERE is the query's, term for term
 * (quality-repository.ts): SQLite uses a partial index only when the query implies it.
 * The stale list needs none: customers_by_updated (updated_at, id) already serves its range.
 */
export const migration018: Migration = {
  version: 18,
  name: 'quality-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX customers_without_contact ON customers (updated_at, id)
        WHERE deleted_at IS NULL AND mobile IS NULL AND phone IS NULL AND email IS NULL;
    `);
  },
};
