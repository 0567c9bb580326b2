import type { Migration } from './types';

/**
 * PLACEHOLDER on branch requests2 only: migration 035 belongs to another helper's branch. It is
 * here so migration 036 (requests2) runs on this branch (migrate() wants contiguous numbers).
 * At merge, drop this file and its two lines in index.ts (revert the placeholder commit).
 */
export const migration035: Migration = {
  version: 35,
  name: 'placeholder-035',
  up() {},
};
