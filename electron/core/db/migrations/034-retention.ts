import type { Migration } from './types';

/**
 * The retention engine (issue 17). Rules are data and OFF until the owner turns them on
 * (retention_settings.enabled = 0): one default rule (dormant after 3 years without an interaction
 * or purchase, proposed for anonymisation after 5) and overrides per level, tag or industry.
 * customers.dormant_at marks a dormant customer (hidden from sales and support); the existing
 * customers.legal_hold (migration 31) exempts a customer from every rule.
 *
 * A batch is the owner's proposal to anonymise (or delete) a fixed list of customers: the members
 * are copied at proposal time with the rule and the last contact that made them due (the "why"),
 * and each member's privacy-log id once erased. retention_runs is the report of each run: counts
 * only, no names. No personal data in any of these tables beyond customer ids.
 */
export const migration034: Migration = {
  version: 34,
  name: 'retention',
  up(db) {
    db.exec(`
      CREATE TABLE retention_settings (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        enabled       INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
        schedule_days INTEGER NOT NULL DEFAULT 30 CHECK (schedule_days BETWEEN 1 AND 365),
        notice_days   INTEGER NOT NULL DEFAULT 30 CHECK (notice_days BETWEEN 0 AND 365),
        last_run_at   TEXT
      ) STRICT;
      INSERT INTO retention_settings (id) VALUES (1);

      CREATE TABLE retention_rules (
        id             INTEGER PRIMARY KEY,
        scope          TEXT NOT NULL CHECK (scope IN ('default', 'level', 'tag', 'industry')),
        match          TEXT NOT NULL,
        dormant_years  INTEGER NOT NULL CHECK (dormant_years BETWEEN 1 AND 50),
        propose_years  INTEGER NOT NULL CHECK (propose_years BETWEEN 1 AND 50 AND propose_years >= dormant_years),
        action         TEXT NOT NULL CHECK (action IN ('anonymise', 'delete')),
        CHECK ((scope = 'default') = (match = '')),
        UNIQUE (scope, match)
      ) STRICT;
      INSERT INTO retention_rules (scope, match, dormant_years, propose_years, action) VALUES ('default', '', 3, 5, 'anonymise');

      ALTER TABLE customers ADD COLUMN dormant_at TEXT;
      CREATE INDEX customers_dormant ON customers (dormant_at, id) WHERE dormant_at IS NOT NULL;

      CREATE TABLE retention_batches (
        id           INTEGER PRIMARY KEY,
        state        TEXT NOT NULL CHECK (state IN ('proposed', 'notice', 'running', 'done', 'cancelled', 'failed')),
        created_at   TEXT NOT NULL,
        created_by   INTEGER REFERENCES users(id),
        notice_at    TEXT,
        not_before   TEXT,
        approval_id  INTEGER,
        run_by       INTEGER REFERENCES users(id),
        started_at   TEXT,
        finished_at  TEXT
      ) STRICT;

      CREATE TABLE retention_batch_members (
        batch_id        INTEGER NOT NULL REFERENCES retention_batches(id),
        customer_id     INTEGER NOT NULL,
        rule_id         INTEGER NOT NULL,
        mode            TEXT NOT NULL CHECK (mode IN ('anonymise', 'delete')),
        last_contact_at TEXT NOT NULL,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'erased', 'skipped')),
        log_id          INTEGER,
        PRIMARY KEY (batch_id, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX retention_members_by_customer ON retention_batch_members (customer_id, state);

      CREATE TABLE retention_runs (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        trigger   TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        marked    INTEGER NOT NULL,
        released  INTEGER NOT NULL,
        proposed  INTEGER NOT NULL,
        held      INTEGER NOT NULL,
        batch_id  INTEGER
      ) STRICT;
    `);
  },
};
