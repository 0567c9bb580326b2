import type { Migration } from './types';

/**
 * Which customers a list, search, dashboard or timeline read returned, so the owner can answer
 * "whom did this user see" from the log alone. Ids only, never values, in a compact text form
 * (audit-customer-ids.ts). Old rows keep NULL and their hashes: the chain covers the column only
 * when it holds something (audit-chain.ts). No index: the question is asked per user and time
 * span, which audit_by_user already narrows.
 */
export const migration011: Migration = {
  version: 11,
  name: 'audit-customer-ids',
  up(db) {
    db.exec('ALTER TABLE audit_log ADD COLUMN customer_ids TEXT');
  },
};
