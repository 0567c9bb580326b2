import { keyCustomer } from '../../customers/duplicate-keys';
import type { Migration } from './types';

/**
 * Normalised phone, e-mail, name and company keys for duplicate detection, one row per key so
 * "same phone" is one index seek however many numbers a customer has. The keys need
 * libphonenumber, so they are computed in JS, here for existing customers and afterwards by
 * every customer write (customer-repository.ts).
 */
export const migration015: Migration = {
  version: 15,
  name: 'duplicate-keys',
  up(db) {
    db.exec(`
      CREATE TABLE customer_keys (
        kind        TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'name', 'company')),
        value       TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        PRIMARY KEY (kind, value, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX customer_keys_customer ON customer_keys (customer_id);
    `);
    const rows = db.prepare('SELECT id, name, mobile, phone, email, company FROM customers WHERE deleted_at IS NULL').iterate() as IterableIterator<{
      id: number;
      name: string;
      mobile: string | null;
      phone: string | null;
      email: string | null;
      company: string | null;
    }>;
    for (const row of [...rows]) keyCustomer(db, row, row.id);
  },
};
