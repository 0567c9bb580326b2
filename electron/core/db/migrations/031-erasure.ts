import type { Migration } from './types';

/**
 * Erasure and anonymisation (issue 16). `privacy_log` is the deletion record: which customer id,
 * the identity only masked (王*, 138****8000), what was touched (table -> rows, JSON), who, when,
 * under which approval, the mode and the after-check's result (where a value was still found,
 * counts per table.column, never the value). `request_id` points at the request register built
 * by another stream: a plain nullable integer, no foreign key, so either lands without the other.
 * `actor_id` is null for the automatic recycle-bin purge and for a re-apply after a restore.
 *
 * customers.legal_hold: the owner's hold. A held customer stays in the recycle bin (never purged,
 * automatically or by "empty"), and a delete keeps its purchases' amounts and dates for the
 * accounts. customers.erased_at marks the row left behind by such a delete or by an anonymisation:
 * it is no longer a person, so the recycle bin and the lookup leave it out.
 */
export const migration031: Migration = {
  version: 31,
  name: 'erasure',
  up(db) {
    db.exec(`
      CREATE TABLE privacy_log (
        id            INTEGER PRIMARY KEY,
        request_id    INTEGER,
        customer_id   INTEGER NOT NULL,
        mode          TEXT NOT NULL CHECK (mode IN ('anonymise', 'delete')),
        trigger       TEXT NOT NULL CHECK (trigger IN ('manual', 'purge', 'auto-purge', 'reapply')),
        masked_name   TEXT NOT NULL,
        masked_phone  TEXT,
        masked_email  TEXT,
        pseudonym     TEXT,
        touched       TEXT NOT NULL CHECK (json_valid(touched)),
        actor_id      INTEGER REFERENCES users(id),
        at            TEXT NOT NULL,
        approval_id   INTEGER,
        check_passed  INTEGER NOT NULL CHECK (check_passed IN (0, 1)),
        check_detail  TEXT NOT NULL CHECK (json_valid(check_detail))
      ) STRICT;
      CREATE INDEX privacy_log_by_time ON privacy_log (at, id);
      CREATE INDEX privacy_log_by_customer ON privacy_log (customer_id);
      ALTER TABLE customers ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1));
      ALTER TABLE customers ADD COLUMN erased_at TEXT;
      -- FTS5 keeps a deleted row's tokens in its index until a merge; 'secure-delete' removes them
      -- at once, so the search index forgets an erased person too (stored in the FTS config).
      INSERT INTO customer_search (customer_search, rank) VALUES ('secure-delete', 1);
    `);
  },
};
