import type { Migration } from './types';

/**
 * PLACEHOLDER on branch requests2 only: migration 034 belongs to another helper's branch. It is
 * here so migration 036 (requests2) runs on this branch (migrate() wants contiguous numbers).
 * At merge, drop this file and its two lines in index.ts (revert the placeholder commit).
 */
export const migration034: Migration = {
  version: 34,
  name: 'placeholder-034',
  up() {},
};
