import type { Migration } from './types';

/**
 * Data minimisation and the disclosure register (issue 16).
 *
 * customer_field_settings: one row per customer field the owner may switch off (name and level
 * stay on). It replaces the single meta switch 'customers.optionalFields' (ID number and bank card
 * together): both take that switch's old state, every other field starts on, and the meta key is
 * dropped so there is one source of truth. The field list is written out here, not imported, so
 * this migration means the same thing forever.
 *
 * privacy_settings.notes_for_support: whether support may see customers' free-text notes (off:
 * notes are personal data and support's view is minimal).
 *
 * disclosures (+ disclosure_customers): who received which customers' data, for what purpose,
 * under which agreement and lawful basis, written in the same transaction as the export's audit
 * row. The filter and the column names are stored, never cell values; the customers are ids, so
 * an access package can list the disclosures about one person.
 */
export const migration033: Migration = {
  version: 33,
  name: 'field-classes',
  up(db) {
    db.exec(`
      CREATE TABLE customer_field_settings (
        field      TEXT PRIMARY KEY CHECK (field IN ('mobile', 'phone', 'email', 'wechat', 'province', 'city', 'addressDetail', 'birthday',
                                                      'idNumber', 'bankCard', 'notes', 'company', 'industry', 'region', 'source')),
        enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        updated_at TEXT
      ) STRICT;

      ALTER TABLE privacy_settings ADD COLUMN notes_for_support INTEGER NOT NULL DEFAULT 0 CHECK (notes_for_support IN (0, 1));

      CREATE TABLE disclosures (
        id            INTEGER PRIMARY KEY,
        recorded_at   TEXT NOT NULL,
        recorded_by   INTEGER NOT NULL REFERENCES users(id),
        recipient     TEXT NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200),
        purpose       TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        agreement_ref TEXT NOT NULL DEFAULT '' CHECK (length(agreement_ref) <= 200),
        basis         TEXT NOT NULL CHECK (length(basis) BETWEEN 1 AND 40),
        regime        TEXT NOT NULL CHECK (regime IN ('pipl', 'gdpr', 'ccpa')),
        export_id     TEXT UNIQUE,
        filter_json   TEXT NOT NULL DEFAULT '{}',
        columns_json  TEXT NOT NULL DEFAULT '[]',
        row_count     INTEGER NOT NULL CHECK (row_count >= 0)
      ) STRICT;
      CREATE INDEX disclosures_recorded_at ON disclosures (recorded_at);

      CREATE TABLE disclosure_customers (
        disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
        customer_id   INTEGER NOT NULL,
        PRIMARY KEY (disclosure_id, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX disclosure_customers_customer ON disclosure_customers (customer_id);
    `);
    const old = db.prepare("SELECT value FROM meta WHERE key = 'customers.optionalFields'").get() as { value: string } | undefined;
    const optionalOn = old?.value === 'on' ? 1 : 0;
    const insert = db.prepare('INSERT INTO customer_field_settings (field, enabled) VALUES (?, ?)');
    for (const field of ['mobile', 'phone', 'email', 'wechat', 'province', 'city', 'addressDetail', 'birthday', 'notes', 'company', 'industry', 'region', 'source']) insert.run(field, 1);
    insert.run('idNumber', optionalOn);
    insert.run('bankCard', optionalOn);
    db.prepare("DELETE FROM meta WHERE key = 'customers.optionalFields'").run();
  },
};
