import type { Migration } from './types';

/** Reserved for issue 16 (decision-ledger); its schema lands with the feature. Until then it changes nothing. */
export const migration032: Migration = {
  version: 32,
  name: 'decision-ledger',
  up() {},
};
