import type { Migration } from './types';

/**
 * The shop's data rules, versioned: the owner's text (each save is a new version, never an edit,
 * so what a person accepted stays readable), and who accepted which version when. While the shop
 * has rules, a user who has not accepted the newest version cannot open customer data
 * (electron/ipc/authorize.ts). An acceptance names its version: accepting v1 says nothing about v2.
 */
export const migration027: Migration = {
  version: 27,
  name: 'data-rules',
  up(db) {
    db.exec(`
      CREATE TABLE data_rules (
        version    INTEGER PRIMARY KEY,
        text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
        created_at TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE TABLE data_rule_acceptances (
        user_id     INTEGER NOT NULL REFERENCES users(id),
        version     INTEGER NOT NULL REFERENCES data_rules(version),
        accepted_at TEXT NOT NULL,
        PRIMARY KEY (user_id, version)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
