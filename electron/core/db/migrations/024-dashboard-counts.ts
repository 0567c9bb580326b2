import type { Migration } from './types';

/**
 * The rest of the dashboard without a walk over every customer or reminder (migration 021 took
 * the interactions off that path). Measured at 100,000 customers before this: the total was a
 * full table scan (20-24 ms, SQLite picks the table over the partial indexes without statistics,
 * and the app never runs ANALYZE), and "active in the last 90 days" another (24-36 ms); the
 * reminder tabs' "done" and "overdue" counts walked every such reminder ever made.
 *
 * - customer_totals: live customers per owner. The total is one row (Mine, a salesperson) or one
 *   row per owner (everyone).
 * - customer_days: live customers per owner and UTC day of creation (`created`) and of last
 *   contact, or creation if never contacted (`quiet`). "New this month" and "active since" sum
 *   the whole days after the boundary's day and count the boundary's own day from the index
 *   (dashboard-repository.ts): exact for any text, a few dozen rows per owner.
 * - reminder_totals: reminders in sight (scope_owner_id set, migration 021) per status, scope
 *   (the customer's owner) and assignee. "Done" is a sum of these rows, and "overdue" is the open
 *   total minus the open ones due from today on, a range of future reminders only.
 *
 * Kept by triggers, as 021's are, so every writer (customers, import, merge, hand-over, recycle
 * bin, the timeline moving last contact) keeps them right without knowing they exist. Every change
 * is an upsert of +1 or -1: the sums come out right whatever order SQLite fires the triggers in
 * (021's scope trigger updates a reminder right after its insert).
 */
export const migration024: Migration = {
  version: 24,
  name: 'dashboard-counts',
  up(db) {
    db.exec(`
      CREATE TABLE customer_totals (
        owner_id INTEGER PRIMARY KEY,
        n        INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE customer_days (
        day      TEXT NOT NULL,
        owner_id INTEGER NOT NULL,
        created  INTEGER NOT NULL DEFAULT 0,
        quiet    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, owner_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX customer_days_by_owner ON customer_days (owner_id, day, created, quiet);

      INSERT INTO customer_totals (owner_id, n)
        SELECT owner_id, count(*) FROM customers WHERE deleted_at IS NULL GROUP BY owner_id;
      INSERT INTO customer_days (day, owner_id, created)
        SELECT substr(created_at, 1, 10), owner_id, count(*) FROM customers WHERE deleted_at IS NULL GROUP BY 1, 2;
      INSERT INTO customer_days (day, owner_id, quiet)
        SELECT substr(coalesce(last_interaction_at, created_at), 1, 10), owner_id, count(*) FROM customers WHERE deleted_at IS NULL GROUP BY 1, 2
        ON CONFLICT (day, owner_id) DO UPDATE SET quiet = quiet + excluded.quiet;

      CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers WHEN NEW.deleted_at IS NULL BEGIN
        INSERT INTO customer_totals (owner_id, n) VALUES (NEW.owner_id, 1)
          ON CONFLICT (owner_id) DO UPDATE SET n = n + 1;
        INSERT INTO customer_days (day, owner_id, created) VALUES (substr(NEW.created_at, 1, 10), NEW.owner_id, 1)
          ON CONFLICT (day, owner_id) DO UPDATE SET created = created + 1;
        INSERT INTO customer_days (day, owner_id, quiet) VALUES (substr(coalesce(NEW.last_interaction_at, NEW.created_at), 1, 10), NEW.owner_id, 1)
          ON CONFLICT (day, owner_id) DO UPDATE SET quiet = quiet + 1;
      END;
      CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers WHEN OLD.deleted_at IS NULL BEGIN
        INSERT INTO customer_totals (owner_id, n) VALUES (OLD.owner_id, -1)
          ON CONFLICT (owner_id) DO UPDATE SET n = n - 1;
        INSERT INTO customer_days (day, owner_id, created) VALUES (substr(OLD.created_at, 1, 10), OLD.owner_id, -1)
          ON CONFLICT (day, owner_id) DO UPDATE SET created = created - 1;
        INSERT INTO customer_days (day, owner_id, quiet) VALUES (substr(coalesce(OLD.last_interaction_at, OLD.created_at), 1, 10), OLD.owner_id, -1)
          ON CONFLICT (day, owner_id) DO UPDATE SET quiet = quiet - 1;
      END;
      -- A hand-over, the recycle bin, a new last contact: the old state out (when it was live),
      -- the new one in (when it is live now). Three triggers, so that a new contact (the write
      -- every interaction makes) moves only its own day: two upserts, not six.
      CREATE TRIGGER customer_totals_update AFTER UPDATE OF owner_id, deleted_at ON customers
        WHEN OLD.owner_id IS NOT NEW.owner_id OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL) BEGIN
        INSERT INTO customer_totals (owner_id, n) SELECT OLD.owner_id, -1 WHERE OLD.deleted_at IS NULL
          ON CONFLICT (owner_id) DO UPDATE SET n = n - 1;
        INSERT INTO customer_totals (owner_id, n) SELECT NEW.owner_id, 1 WHERE NEW.deleted_at IS NULL
          ON CONFLICT (owner_id) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER customer_days_created_update AFTER UPDATE OF owner_id, deleted_at, created_at ON customers
        WHEN OLD.owner_id IS NOT NEW.owner_id OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL) OR OLD.created_at IS NOT NEW.created_at BEGIN
        INSERT INTO customer_days (day, owner_id, created) SELECT substr(OLD.created_at, 1, 10), OLD.owner_id, -1 WHERE OLD.deleted_at IS NULL
          ON CONFLICT (day, owner_id) DO UPDATE SET created = created - 1;
        INSERT INTO customer_days (day, owner_id, created) SELECT substr(NEW.created_at, 1, 10), NEW.owner_id, 1 WHERE NEW.deleted_at IS NULL
          ON CONFLICT (day, owner_id) DO UPDATE SET created = created + 1;
      END;
      CREATE TRIGGER customer_days_quiet_update AFTER UPDATE OF owner_id, deleted_at, created_at, last_interaction_at ON customers
        WHEN OLD.owner_id IS NOT NEW.owner_id OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL)
          OR coalesce(OLD.last_interaction_at, OLD.created_at) IS NOT coalesce(NEW.last_interaction_at, NEW.created_at) BEGIN
        INSERT INTO customer_days (day, owner_id, quiet) SELECT substr(coalesce(OLD.last_interaction_at, OLD.created_at), 1, 10), OLD.owner_id, -1 WHERE OLD.deleted_at IS NULL
          ON CONFLICT (day, owner_id) DO UPDATE SET quiet = quiet - 1;
        INSERT INTO customer_days (day, owner_id, quiet) SELECT substr(coalesce(NEW.last_interaction_at, NEW.created_at), 1, 10), NEW.owner_id, 1 WHERE NEW.deleted_at IS NULL
          ON CONFLICT (day, owner_id) DO UPDATE SET quiet = quiet + 1;
      END;

      CREATE TABLE reminder_totals (
        status         TEXT NOT NULL,
        scope_owner_id INTEGER NOT NULL,
        owner_id       INTEGER NOT NULL,
        n              INTEGER NOT NULL,
        PRIMARY KEY (status, scope_owner_id, owner_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX reminder_totals_by_assignee ON reminder_totals (status, owner_id, scope_owner_id, n);

      INSERT INTO reminder_totals (status, scope_owner_id, owner_id, n)
        SELECT status, scope_owner_id, owner_id, count(*) FROM reminders WHERE scope_owner_id IS NOT NULL GROUP BY 1, 2, 3;

      CREATE TRIGGER reminder_totals_insert AFTER INSERT ON reminders WHEN NEW.scope_owner_id IS NOT NULL BEGIN
        INSERT INTO reminder_totals (status, scope_owner_id, owner_id, n) VALUES (NEW.status, NEW.scope_owner_id, NEW.owner_id, 1)
          ON CONFLICT (status, scope_owner_id, owner_id) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER reminder_totals_delete AFTER DELETE ON reminders WHEN OLD.scope_owner_id IS NOT NULL BEGIN
        INSERT INTO reminder_totals (status, scope_owner_id, owner_id, n) VALUES (OLD.status, OLD.scope_owner_id, OLD.owner_id, -1)
          ON CONFLICT (status, scope_owner_id, owner_id) DO UPDATE SET n = n - 1;
      END;
      CREATE TRIGGER reminder_totals_update AFTER UPDATE OF status, scope_owner_id, owner_id ON reminders
        WHEN OLD.status IS NOT NEW.status OR OLD.scope_owner_id IS NOT NEW.scope_owner_id OR OLD.owner_id IS NOT NEW.owner_id BEGIN
        INSERT INTO reminder_totals (status, scope_owner_id, owner_id, n) SELECT OLD.status, OLD.scope_owner_id, OLD.owner_id, -1 WHERE OLD.scope_owner_id IS NOT NULL
          ON CONFLICT (status, scope_owner_id, owner_id) DO UPDATE SET n = n - 1;
        INSERT INTO reminder_totals (status, scope_owner_id, owner_id, n) SELECT NEW.status, NEW.scope_owner_id, NEW.owner_id, 1 WHERE NEW.scope_owner_id IS NOT NULL
          ON CONFLICT (status, scope_owner_id, owner_id) DO UPDATE SET n = n + 1;
      END;
    `);
  },
};
