import type { Db } from '../db/open-database';
import { auditCustomerKeys } from './audit-customer-ids';

type Named = { id: number; entity: string | null; recordId: string | null; customerIds: string | null };

/**
 * Fills audit_customers for many rows at once (migration 039, the benchmark's seeded log): the
 * pairs are sorted by customer first, so the index is written leaf after leaf instead of one
 * random page per pair (at 1,000,000 rows about 10 million pairs). Rows written later go in one by
 * one with their row (appendAudit). One float64 per pair, customer and row packed (26 bits each).
 */
export function indexAuditCustomersBulk(db: Db, rows: Iterable<Named>): number {
  let keys = new Float64Array(1 << 16);
  let count = 0;
  for (const row of rows) {
    // Both ids must fit their share of the packed key; a log this large indexes row by row instead.
    if (row.id >= 2 ** 26) throw new Error('audit log too large for the bulk index');
    for (const customer of auditCustomerKeys(row)) {
      if (customer >= 2 ** 26) throw new Error('customer id too large for the bulk index');
      if (count === keys.length) {
        const grown = new Float64Array(keys.length * 2);
        grown.set(keys);
        keys = grown;
      }
      keys[count++] = customer * 2 ** 26 + row.id;
    }
  }
  const sorted = keys.subarray(0, count).sort();
  const insert = db.prepare('INSERT OR IGNORE INTO audit_customers (customer_id, audit_id) VALUES (?, ?)');
  for (const key of sorted) insert.run(Math.floor(key / 2 ** 26), key % 2 ** 26);
  return count;
}

/** The rows that name a customer, one at a time; the bulk index reads them all before it writes. */
export function rowsNamingCustomers(db: Db, afterId = 0): IterableIterator<Named> {
  return db
    .prepare("SELECT id, entity, record_id AS recordId, customer_ids AS customerIds FROM audit_log WHERE id > ? AND (customer_ids IS NOT NULL OR entity = 'customer') ORDER BY id")
    .iterate(afterId) as IterableIterator<Named>;
}
