import type { Migration } from './types';

/** Reserved for issue 16 (consent); its schema lands with the feature. Until then it changes nothing. */
export const migration029: Migration = {
  version: 29,
  name: 'consent',
  up() {},
};
