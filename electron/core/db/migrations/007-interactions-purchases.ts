import type { Migration } from './types';

/** The customer timeline: contacts of every kind, and purchases in integer minor units. */
export const migration007: Migration = {
  version: 7,
  name: 'interactions-purchases',
  up(db) {
    db.exec(`
      CREATE TABLE interactions (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'wechat', 'visit', 'service', 'feedback', 'note')),
        at          TEXT NOT NULL,
        summary     TEXT NOT NULL,
        user_id     INTEGER NOT NULL REFERENCES users(id),
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX interactions_by_customer ON interactions (customer_id, at);

      CREATE TABLE purchases (
        id           INTEGER PRIMARY KEY,
        customer_id  INTEGER NOT NULL REFERENCES customers(id),
        date         TEXT NOT NULL,
        item         TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        currency     TEXT NOT NULL CHECK (length(currency) = 3),
        note         TEXT,
        user_id      INTEGER NOT NULL REFERENCES users(id),
        created_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX purchases_by_customer ON purchases (customer_id, date);
    `);
  },
};
