import type { Migration } from './types';

/**
 * A field erasure on the decision ledger (issue 16 minimisation). Erasing a switched-off field's
 * stored values across all customers is a decision a restore must not undo, like erasing a person:
 * the ledger gains the kind 'field.erase' and the column `field` (the field's name; no value, no
 * customer, no hash). SQLite cannot widen a CHECK in place, so the table is rebuilt with its rows.
 * The field list is written out here, not imported, so this migration means the same forever.
 */
export const migration038: Migration = {
  version: 38,
  name: 'field-erasure-ledger',
  up(db) {
    db.exec(`
      CREATE TABLE decision_ledger_next (
        id            TEXT PRIMARY KEY CHECK (length(id) = 32),
        kind          TEXT NOT NULL CHECK (kind IN ('erase', 'user.disable', 'user.role', 'user.password', 'field.erase')),
        at            TEXT NOT NULL,
        customer_id   INTEGER,
        mode          TEXT CHECK (mode IN ('anonymise', 'delete')),
        name_hmac     TEXT CHECK (name_hmac IS NULL OR length(name_hmac) = 64),
        mobile_hmac   TEXT CHECK (mobile_hmac IS NULL OR length(mobile_hmac) = 64),
        email_hmac    TEXT CHECK (email_hmac IS NULL OR length(email_hmac) = 64),
        user_id       INTEGER,
        role          TEXT CHECK (role IS NULL OR role IN ('owner', 'manager', 'sales', 'support', 'auditor')),
        superseded_at TEXT,
        superseded_by INTEGER,
        field         TEXT CHECK (field IS NULL OR field IN ('mobile', 'phone', 'email', 'wechat', 'province', 'city', 'addressDetail', 'birthday',
                                                             'idNumber', 'bankCard', 'notes', 'company', 'industry', 'region', 'source')),
        CHECK (kind <> 'erase' OR (customer_id IS NOT NULL AND mode IS NOT NULL AND user_id IS NULL AND role IS NULL)),
        CHECK (kind NOT IN ('user.disable', 'user.role', 'user.password')
               OR (user_id IS NOT NULL AND customer_id IS NULL AND mode IS NULL AND name_hmac IS NULL AND mobile_hmac IS NULL AND email_hmac IS NULL)),
        CHECK (kind <> 'field.erase'
               OR (customer_id IS NULL AND mode IS NULL AND name_hmac IS NULL AND mobile_hmac IS NULL AND email_hmac IS NULL AND user_id IS NULL AND role IS NULL)),
        CHECK ((kind = 'user.role') = (role IS NOT NULL)),
        CHECK ((kind = 'field.erase') = (field IS NOT NULL))
      ) STRICT;
      INSERT INTO decision_ledger_next (id, kind, at, customer_id, mode, name_hmac, mobile_hmac, email_hmac, user_id, role, superseded_at, superseded_by)
        SELECT id, kind, at, customer_id, mode, name_hmac, mobile_hmac, email_hmac, user_id, role, superseded_at, superseded_by FROM decision_ledger;
      DROP TABLE decision_ledger;
      ALTER TABLE decision_ledger_next RENAME TO decision_ledger;
      CREATE INDEX decision_ledger_by_mobile ON decision_ledger (mobile_hmac) WHERE mobile_hmac IS NOT NULL;
      CREATE INDEX decision_ledger_by_email  ON decision_ledger (email_hmac) WHERE email_hmac IS NOT NULL;
      CREATE INDEX decision_ledger_by_at     ON decision_ledger (at, id);
    `);
  },
};
