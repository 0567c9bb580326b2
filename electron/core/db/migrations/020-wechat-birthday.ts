import type { Migration } from './types';

/**
 * Two fields every Chinese CRM has: the WeChat ID (contact data, masked like a phone) and the
 * birthday. The birthday is a calendar date, 'YYYY-MM-DD', never a timestamp: a time would move
 * it by a day for someone in another zone. The WeChat index is on the lower-cased ID because
 * lookups are exact and WeChat IDs are not case-sensitive; it holds live customers only.
 */
export const migration020: Migration = {
  version: 20,
  name: 'wechat-birthday',
  up(db) {
    db.exec(`
      ALTER TABLE customers ADD COLUMN wechat TEXT;
      ALTER TABLE customers ADD COLUMN birthday TEXT
        CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
      CREATE INDEX customers_by_wechat ON customers (lower(wechat)) WHERE deleted_at IS NULL AND wechat IS NOT NULL;
    `);
  },
};
