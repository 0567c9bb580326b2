import type { Migration } from './types';

/** Reserved for issue 16 (privacy-requests); its schema lands with the feature. Until then it changes nothing. */
export const migration030: Migration = {
  version: 30,
  name: 'privacy-requests',
  up() {},
};
