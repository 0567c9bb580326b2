import type { Migration } from './types';

/**
 * The append-only audit log. Triggers refuse UPDATE and DELETE for any code path; someone with
 * raw access can drop them, which is why every row is also hash-chained and the chain head is
 * kept in meta (and in every backup manifest): verifyAudit finds the first broken row.
 */
export const migration002: Migration = {
  version: 2,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        user_id   INTEGER,
        username  TEXT,
        role      TEXT,
        action    TEXT NOT NULL,
        entity    TEXT,
        record_id TEXT,
        outcome   TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'rejected', 'failed')),
        fields    TEXT,
        reason    TEXT,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_time   ON audit_log (at);
      CREATE INDEX audit_by_user   ON audit_log (user_id, id);
      CREATE INDEX audit_by_action ON audit_log (action, id);
      CREATE INDEX audit_by_record ON audit_log (entity, record_id, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
