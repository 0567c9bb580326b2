import type { Migration } from './types';

/**
 * Backup history and restore-drill reports, kept in the vault so they are audited, travel with
 * it and survive a reinstall. File names only (they carry no personal data), never paths.
 */
export const migration009: Migration = {
  version: 9,
  name: 'backups',
  up(db) {
    db.exec(`
      CREATE TABLE backup_runs (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        trigger     TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'quit', 'startup')),
        outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
        file_name   TEXT,
        bytes       INTEGER,
        error_code  TEXT
      ) STRICT;
      CREATE INDEX backup_runs_by_time ON backup_runs (finished_at);

      CREATE TABLE drill_reports (
        id                INTEGER PRIMARY KEY,
        at                TEXT NOT NULL,
        backup_name       TEXT NOT NULL,
        backup_created_at TEXT,
        recovery_point_ms INTEGER,
        restore_ms        INTEGER NOT NULL,
        passed            INTEGER NOT NULL CHECK (passed IN (0, 1)),
        first_failure     TEXT,
        checks            TEXT NOT NULL,
        user_id           INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE INDEX drill_reports_by_time ON drill_reports (at);
    `);
  },
};
