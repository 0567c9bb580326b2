import type { Migration } from './types';

/**
 * Second factor and lockout state per user. The TOTP secret sits in the encrypted vault like
 * every other secret of the business; recovery codes are stored only as salted hashes.
 */
export const migration003: Migration = {
  version: 3,
  name: 'sign-in-security',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN totp_secret TEXT;
      ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE users ADD COLUMN recovery_code_hashes TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE users ADD COLUMN password_changed_at TEXT;
    `);
  },
};
