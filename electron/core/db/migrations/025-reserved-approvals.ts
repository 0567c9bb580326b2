import type { Migration } from './types';

/**
 * PLACEHOLDER for the approvals helper's migration 025 (approval-requests), so this branch's 026
 * numbers in order on its own. The lead drops this file (and its line in index.ts) when merging
 * the approvals branch, whose real 025 takes its place.
 */
export const migration025: Migration = {
  version: 25,
  name: 'reserved-approvals',
  up() {},
};
