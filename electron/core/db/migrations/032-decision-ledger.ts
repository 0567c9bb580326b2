import type { Migration } from './types';

/**
 * Decisions a restore cannot undo (issue 16): an append-only ledger of erasures and account
 * decisions (a user disabled, a role lowered, a password reset), written before the decision is
 * carried out and kept in the vault (so it travels in every backup) and in an encrypted side file
 * outside the backup set (electron/core/privacy/ledger-side-file.ts). After a restore, entries the
 * side file has and the restored vault lacks are applied again.
 *
 * No free text and no raw identifier: a person is kept only as HMAC-SHA256 of their normalised
 * name, mobile and e-mail under a random secret that lives in this vault (decision_ledger_secret),
 * so the ledger cannot be read back into a name, and the hashes mean nothing outside this vault.
 * Entry ids are random (not rowids): the side file and a restored vault number rows differently.
 * superseded_*: the owner recorded a new consent for that person; the entry no longer refuses a
 * create or import of them, but it is still re-applied to the record it named.
 */
export const migration032: Migration = {
  version: 32,
  name: 'decision-ledger',
  up(db) {
    db.exec(`
      CREATE TABLE decision_ledger_secret (
        id     INTEGER PRIMARY KEY CHECK (id = 1),
        secret BLOB NOT NULL CHECK (length(secret) = 32)
      ) STRICT;
      CREATE TABLE decision_ledger (
        id            TEXT PRIMARY KEY CHECK (length(id) = 32),
        kind          TEXT NOT NULL CHECK (kind IN ('erase', 'user.disable', 'user.role', 'user.password')),
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
        CHECK (kind <> 'erase' OR (customer_id IS NOT NULL AND mode IS NOT NULL AND user_id IS NULL AND role IS NULL)),
        CHECK (kind = 'erase' OR (user_id IS NOT NULL AND customer_id IS NULL AND mode IS NULL AND name_hmac IS NULL AND mobile_hmac IS NULL AND email_hmac IS NULL)),
        CHECK ((kind = 'user.role') = (role IS NOT NULL))
      ) STRICT;
      CREATE INDEX decision_ledger_by_mobile ON decision_ledger (mobile_hmac) WHERE mobile_hmac IS NOT NULL;
      CREATE INDEX decision_ledger_by_email  ON decision_ledger (email_hmac) WHERE email_hmac IS NOT NULL;
      CREATE INDEX decision_ledger_by_at     ON decision_ledger (at, id);
    `);
  },
};
