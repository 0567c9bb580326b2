import type { Migration } from './types';

/**
 * Monitoring rules and alerts (issue 15, "The guard").
 *
 * - monitor_rules: the rules as data, seeded with the default pack for a 3-30 person shop
 *   (electron/core/monitoring/rules.ts says what each counts). updated_by null = shipped default.
 * - alerts: what a rule raised. user_id is the subject (null for the drill alerts);
 *   customer_ids is a JSON array of ids only, taken from the audit rows that were counted.
 * - monitor_marks: per user and rule, where counting starts again after a step-up or a block
 *   (so the same reveals do not ask again right after the password was entered).
 * - monitor_step_up: users whose customer calls answer STEP_UP_REQUIRED until session.stepUp;
 *   in the vault, so a restart does not clear it.
 * - audit_by_user_time: counts are rebuilt from the audit log after a restart, one user's rows
 *   of the last window; (user_id, id) alone would walk all of that user's history.
 * Business hours live in meta (monitoring.businessHours), off by default.
 */
export const migration026: Migration = {
  version: 26,
  name: 'monitoring',
  up(db) {
    db.exec(`
      CREATE TABLE monitor_rules (
        id             TEXT PRIMARY KEY,
        enabled        INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        threshold      INTEGER NOT NULL CHECK (threshold >= 0),
        window_minutes INTEGER NOT NULL CHECK (window_minutes >= 1),
        action         TEXT NOT NULL CHECK (action IN ('notify', 'step-up', 'block')),
        updated_at     TEXT,
        updated_by     INTEGER REFERENCES users(id)
      );
      INSERT INTO monitor_rules (id, enabled, threshold, window_minutes, action) VALUES
        ('views.many',   1,  300,   10, 'notify'),
        ('reveals.many', 1,   30,   10, 'step-up'),
        ('exports.many', 1,    3, 1440, 'notify'),
        ('export.big',   1, 1000, 1440, 'notify'),
        ('deletes.many', 1,   20, 1440, 'notify'),
        ('after.hours',  1,    0,   60, 'notify'),
        ('bulk.read',    1, 2000,   10, 'block'),
        ('drill.failed', 1,    0,    1, 'notify'),
        ('drill.missed', 1,    0,    1, 'notify');

      CREATE TABLE alerts (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        rule_id         TEXT NOT NULL,
        user_id         INTEGER REFERENCES users(id),
        raised_at       TEXT NOT NULL,
        count           INTEGER NOT NULL,
        window_start    TEXT NOT NULL,
        customer_ids    TEXT NOT NULL DEFAULT '[]',
        action          TEXT NOT NULL CHECK (action IN ('notify', 'step-up', 'block')),
        state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged')),
        acknowledged_by INTEGER REFERENCES users(id),
        acknowledged_at TEXT,
        note            TEXT
      );
      CREATE INDEX alerts_by_state ON alerts (state, id);
      CREATE INDEX alerts_by_rule_user ON alerts (rule_id, user_id, raised_at);

      CREATE TABLE monitor_marks (
        user_id      INTEGER NOT NULL REFERENCES users(id),
        rule_id      TEXT NOT NULL,
        counted_from TEXT NOT NULL,
        PRIMARY KEY (user_id, rule_id)
      );

      CREATE TABLE monitor_step_up (
        user_id INTEGER PRIMARY KEY REFERENCES users(id),
        rule_id TEXT NOT NULL,
        since   TEXT NOT NULL
      );

      CREATE INDEX audit_by_user_time ON audit_log (user_id, at);
    `);
  },
};
