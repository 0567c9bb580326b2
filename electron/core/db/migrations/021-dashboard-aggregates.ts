import type { Migration } from './types';

/**
 * The dashboard at 100,000 customers (1.3 to 4.8 s before this) without reading every interaction
 * or reminder on each visit:
 *
 * - interaction_hours: how many interactions each owner's live customers had in each UTC hour.
 *   Kept by triggers, so every writer (the timeline, import, merge, demo data, owner hand-over,
 *   the recycle bin) keeps it right without knowing it exists. The chart sums hours; an hour
 *   cut by a week boundary (time zones at :30 or :45) is counted from interactions directly.
 * - reminders.scope_owner_id: the owner of the reminder's customer while that customer is live,
 *   NULL while it is in the recycle bin, kept by triggers the same way. Counting a tab (overdue,
 *   today, upcoming, done) in any scope is then a range of one index, no join with customers.
 * - customers by coalesce(last contact, created): the dormant count is a range, not a scan; and
 *   per owner, the last contacts and the new customers of one person (Mine, or a salesperson)
 *   are ranges of their own instead of a sort or filter of all that person's customers.
 */
export const migration021: Migration = {
  version: 21,
  name: 'dashboard-aggregates',
  up(db) {
    db.exec(`
      CREATE TABLE interaction_hours (
        hour     TEXT NOT NULL,
        owner_id INTEGER NOT NULL,
        n        INTEGER NOT NULL,
        PRIMARY KEY (hour, owner_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX interaction_hours_by_owner ON interaction_hours (owner_id, hour, n);

      INSERT INTO interaction_hours (hour, owner_id, n)
        SELECT substr(i.at, 1, 13), c.owner_id, count(*) FROM interactions i JOIN customers c ON c.id = i.customer_id
         WHERE c.deleted_at IS NULL GROUP BY 1, 2;

      CREATE TRIGGER interaction_hours_insert AFTER INSERT ON interactions BEGIN
        INSERT INTO interaction_hours (hour, owner_id, n)
          SELECT substr(NEW.at, 1, 13), owner_id, 1 FROM customers WHERE id = NEW.customer_id AND deleted_at IS NULL
          ON CONFLICT (hour, owner_id) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER interaction_hours_delete AFTER DELETE ON interactions BEGIN
        UPDATE interaction_hours SET n = n - 1
         WHERE hour = substr(OLD.at, 1, 13) AND owner_id = (SELECT owner_id FROM customers WHERE id = OLD.customer_id AND deleted_at IS NULL);
      END;
      CREATE TRIGGER interaction_hours_update AFTER UPDATE OF at, customer_id ON interactions BEGIN
        UPDATE interaction_hours SET n = n - 1
         WHERE hour = substr(OLD.at, 1, 13) AND owner_id = (SELECT owner_id FROM customers WHERE id = OLD.customer_id AND deleted_at IS NULL);
        INSERT INTO interaction_hours (hour, owner_id, n)
          SELECT substr(NEW.at, 1, 13), owner_id, 1 FROM customers WHERE id = NEW.customer_id AND deleted_at IS NULL
          ON CONFLICT (hour, owner_id) DO UPDATE SET n = n + 1;
      END;
      -- A hand-over or the recycle bin moves the customer's counts out of the old owner's hours
      -- (when it was live) and into the new owner's (when it is live now).
      CREATE TRIGGER interaction_hours_customer AFTER UPDATE OF owner_id, deleted_at ON customers
        WHEN OLD.owner_id IS NOT NEW.owner_id OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL) BEGIN
        UPDATE interaction_hours SET n = n - (SELECT count(*) FROM interactions WHERE customer_id = OLD.id AND substr(at, 1, 13) = interaction_hours.hour)
         WHERE OLD.deleted_at IS NULL AND owner_id = OLD.owner_id AND hour IN (SELECT substr(at, 1, 13) FROM interactions WHERE customer_id = OLD.id);
        INSERT INTO interaction_hours (hour, owner_id, n)
          SELECT substr(at, 1, 13), NEW.owner_id, count(*) FROM interactions WHERE customer_id = NEW.id AND NEW.deleted_at IS NULL GROUP BY 1
          ON CONFLICT (hour, owner_id) DO UPDATE SET n = n + excluded.n;
      END;

      ALTER TABLE reminders ADD COLUMN scope_owner_id INTEGER;
      UPDATE reminders SET scope_owner_id = (SELECT owner_id FROM customers c WHERE c.id = reminders.customer_id AND c.deleted_at IS NULL);
      CREATE INDEX reminders_live_by_due ON reminders (status, due_at, scope_owner_id);
      CREATE INDEX reminders_scope_by_due ON reminders (scope_owner_id, status, due_at);
      CREATE INDEX reminders_assignee_by_due ON reminders (owner_id, status, due_at, scope_owner_id);
      CREATE TRIGGER reminders_scope_insert AFTER INSERT ON reminders BEGIN
        UPDATE reminders SET scope_owner_id = (SELECT owner_id FROM customers WHERE id = NEW.customer_id AND deleted_at IS NULL) WHERE id = NEW.id;
      END;
      CREATE TRIGGER reminders_scope_move AFTER UPDATE OF customer_id ON reminders BEGIN
        UPDATE reminders SET scope_owner_id = (SELECT owner_id FROM customers WHERE id = NEW.customer_id AND deleted_at IS NULL) WHERE id = NEW.id;
      END;
      CREATE TRIGGER reminders_scope_customer AFTER UPDATE OF owner_id, deleted_at ON customers BEGIN
        UPDATE reminders SET scope_owner_id = CASE WHEN NEW.deleted_at IS NULL THEN NEW.owner_id END WHERE customer_id = NEW.id;
      END;

      CREATE INDEX customers_by_quiet ON customers (coalesce(last_interaction_at, created_at)) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_owner_quiet ON customers (owner_id, coalesce(last_interaction_at, created_at)) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_owner_last_contact ON customers (owner_id, coalesce(last_interaction_at, ''), id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_owner_created ON customers (owner_id, created_at) WHERE deleted_at IS NULL;
    `);
  },
};
