import type { Migration } from './types';

/**
 * The two-person rule covers every change that adds, removes or takes over an owner: disabling
 * or re-enabling one, resetting one's password, and creating one (besides a role change and
 * turning off 2FA). SQLite cannot widen a CHECK in place, so the table is rebuilt.
 * - target_user_id is empty only for 'user.create': the account does not exist until approved.
 * - secret holds the new password's hash for 'user.password' and 'user.create' while pending;
 *   it is never listed, and is cleared when the request is decided.
 */
export const migration012: Migration = {
  version: 12,
  name: 'owner-approvals',
  up(db) {
    db.exec(`
      CREATE TABLE approvals_next (
        id             INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('user.role', 'user.2fa.disable', 'user.status', 'user.password', 'user.create')),
        target_user_id INTEGER REFERENCES users(id),
        payload        TEXT NOT NULL,
        secret         TEXT,
        requested_by   INTEGER NOT NULL REFERENCES users(id),
        requested_at   TEXT NOT NULL,
        status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by     INTEGER REFERENCES users(id),
        decided_at     TEXT,
        CHECK ((kind = 'user.create') = (target_user_id IS NULL)),
        CHECK (status = 'pending' OR secret IS NULL)
      ) STRICT;
      INSERT INTO approvals_next (id, kind, target_user_id, payload, requested_by, requested_at, status, decided_by, decided_at)
        SELECT id, kind, target_user_id, payload, requested_by, requested_at, status, decided_by, decided_at FROM approvals;
      DROP TABLE approvals;
      ALTER TABLE approvals_next RENAME TO approvals;
      CREATE INDEX approvals_pending ON approvals (status, id);
    `);
  },
};
