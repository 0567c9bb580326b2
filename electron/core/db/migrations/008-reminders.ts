import type { Migration } from './types';

/**
 * Follow-up reminders, and the indexes the customers table needs for its other sort orders and
 * filters (region, last contact, created). `notified_at` makes the desktop notification fire once
 * per reminder, even across restarts; snoozing clears it so the new due time notifies again.
 */
export const migration008: Migration = {
  version: 8,
  name: 'reminders',
  up(db) {
    db.exec(`
      CREATE TABLE reminders (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        owner_id    INTEGER NOT NULL REFERENCES users(id),
        due_at      TEXT NOT NULL,
        note        TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        snoozed     INTEGER NOT NULL DEFAULT 0 CHECK (snoozed >= 0),
        notified_at TEXT,
        created_by  INTEGER NOT NULL REFERENCES users(id),
        created_at  TEXT NOT NULL,
        done_at     TEXT
      ) STRICT;
      CREATE INDEX reminders_open_by_due ON reminders (due_at, id) WHERE status = 'open';
      CREATE INDEX reminders_by_customer ON reminders (customer_id, due_at);

      CREATE INDEX customers_by_last_contact ON customers (coalesce(last_interaction_at, ''), id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_created      ON customers (created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_region       ON customers (region, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_deleted         ON customers (deleted_at, id) WHERE deleted_at IS NOT NULL;
      CREATE INDEX interactions_by_time      ON interactions (at);
    `);
  },
};
