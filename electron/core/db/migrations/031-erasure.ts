import type { Migration } from './types';

/** Reserved for issue 16 (erasure); its schema lands with the feature. Until then it changes nothing. */
export const migration031: Migration = {
  version: 31,
  name: 'erasure',
  up() {},
};
