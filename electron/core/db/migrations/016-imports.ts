import type { Migration } from './types';

/**
 * PLACEHOLDER on branch i13-quality only. Migration 016 belongs to i13-import (016-imports.ts);
 * this empty stand-in exists so that 018 can be numbered and tested here. On merge, take
 * i13-import's file and drop this one.
 */
export const migration016: Migration = {
  version: 16,
  name: 'imports',
  up() {},
};
