import type { Migration } from './types';

/**
 * Stands in for migration 034, which a parallel branch owns: migrations must be numbered without
 * gaps, and the breach register is 035. At the merge this file and its index line go, and the
 * real 034 takes its place (it changes nothing here, so no vault ever depends on it).
 */
export const migration034: Migration = {
  version: 34,
  name: 'placeholder',
  up() {},
};
