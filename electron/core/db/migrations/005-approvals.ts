import type { Migration } from './types';

/**
 * High-risk changes waiting for a second owner. Where a vault has two or more active owners,
 * a role change or turning off someone's 2FA is a request until another owner approves it.
 */
export const migration005: Migration = {
  version: 5,
  name: 'approvals',
  up(db) {
    db.exec(`
      CREATE TABLE approvals (
        id             INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('user.role', 'user.2fa.disable')),
        target_user_id INTEGER NOT NULL REFERENCES users(id),
        payload        TEXT NOT NULL,
        requested_by   INTEGER NOT NULL REFERENCES users(id),
        requested_at   TEXT NOT NULL,
        status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by     INTEGER REFERENCES users(id),
        decided_at     TEXT
      ) STRICT;
      CREATE INDEX approvals_pending ON approvals (status, id);
    `);
  },
};
