import type { Migration } from './types';

/**
 * Four-eyes approval for any gated operation (issue 15), not only owner changes: a request names
 * the channel it runs, its canonical payload (sorted keys, never a password or hash) and that
 * payload's sha256, so the run must be the very call that was approved. The old `secret` column
 * (a new password's hash kept while pending) is gone: the requester gives the password again
 * when running. Old requests carry no payload hash, so they cannot be run: pending ones become
 * 'expired' (kept for the record), decided ones keep their outcome ('rejected' -> 'denied').
 */
export const migration025: Migration = {
  version: 25,
  name: 'approval-requests',
  up(db) {
    db.exec(`
      CREATE TABLE approval_requests (
        id                INTEGER PRIMARY KEY,
        operation         TEXT NOT NULL,
        payload           TEXT NOT NULL,
        payload_hash      TEXT NOT NULL,
        rows              INTEGER,
        summary           TEXT NOT NULL DEFAULT '{}',
        requested_by      INTEGER NOT NULL REFERENCES users(id),
        reason            TEXT NOT NULL,
        created_at        TEXT NOT NULL,
        expires_at        TEXT NOT NULL,
        usable_after      TEXT,
        no_second_person  INTEGER NOT NULL DEFAULT 0 CHECK (no_second_person IN (0, 1)),
        state             TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'denied', 'expired', 'cancelled', 'executed')),
        decided_by        INTEGER REFERENCES users(id),
        decided_at        TEXT,
        decided_on_screen INTEGER NOT NULL DEFAULT 0 CHECK (decided_on_screen IN (0, 1)),
        executed_at       TEXT,
        CHECK (state <> 'executed' OR executed_at IS NOT NULL)
      ) STRICT;
      INSERT INTO approval_requests (id, operation, payload, payload_hash, rows, summary, requested_by, reason, created_at, expires_at, state, decided_by, decided_at, executed_at)
        SELECT a.id,
               CASE a.kind WHEN 'user.role' THEN 'users.setRole' WHEN 'user.2fa.disable' THEN 'account.totp.disable'
                           WHEN 'user.status' THEN 'users.setStatus' WHEN 'user.password' THEN 'users.resetPassword' ELSE 'users.create' END,
               a.payload, '', NULL,
               json_object('targetUsername', coalesce(t.username, json_extract(a.payload, '$.username'))),
               a.requested_by, 'earlier request', a.requested_at, a.requested_at,
               CASE a.status WHEN 'pending' THEN 'expired' WHEN 'approved' THEN 'executed' ELSE 'denied' END,
               a.decided_by, a.decided_at, CASE a.status WHEN 'approved' THEN a.decided_at END
          FROM approvals a LEFT JOIN users t ON t.id = a.target_user_id;
      DROP TABLE approvals;
      ALTER TABLE approval_requests RENAME TO approvals;
      CREATE INDEX approvals_state ON approvals (state, id);
      CREATE INDEX approvals_requested_by ON approvals (requested_by, id);
    `);
  },
};
