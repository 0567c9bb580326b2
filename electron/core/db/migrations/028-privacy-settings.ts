import type { Migration } from './types';

/**
 * The shop's privacy settings (issue 16): the regime it works under (picks lawful bases and the
 * default request deadlines) and the privacy contact customers reach. One row, like shop_profile;
 * PIPL by default because Coffer's shops are mostly in mainland China.
 */
export const migration028: Migration = {
  version: 28,
  name: 'privacy-settings',
  up(db) {
    db.exec(`
      CREATE TABLE privacy_settings (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        regime        TEXT NOT NULL DEFAULT 'pipl' CHECK (regime IN ('pipl', 'gdpr', 'ccpa')),
        contact_name  TEXT NOT NULL DEFAULT '' CHECK (length(contact_name) <= 200),
        contact_reach TEXT NOT NULL DEFAULT '' CHECK (length(contact_reach) <= 200),
        updated_at    TEXT
      ) STRICT;
      INSERT INTO privacy_settings (id) VALUES (1);
    `);
  },
};
