import type { Migration } from './types';

/**
 * PLACEHOLDER on branch i13-quality only. Migration 017 belongs to i13-merge
 * (017-customer-merges.ts); this empty stand-in exists so that 018 can be numbered and tested
 * here. On merge, take i13-merge's file and drop this one.
 */
export const migration017: Migration = {
  version: 17,
  name: 'customer-merges',
  up() {},
};
