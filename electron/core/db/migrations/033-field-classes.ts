import type { Migration } from './types';

/** Reserved for issue 16 (field-classes); its schema lands with the feature. Until then it changes nothing. */
export const migration033: Migration = {
  version: 33,
  name: 'field-classes',
  up() {},
};
