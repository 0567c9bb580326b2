import type { Migration } from './types';

/**
 * PLACEHOLDER, NOT TO BE MERGED: number 11 belongs to the audit work of issue 12 (its own
 * branch). Migrations must be numbered without gaps, so this empty one lets 012 run on this
 * branch; the merge replaces it with the real 011 (the import in index.ts conflicts on purpose).
 */
export const migration011: Migration = {
  version: 11,
  name: 'reserved-for-audit',
  up() {},
};
