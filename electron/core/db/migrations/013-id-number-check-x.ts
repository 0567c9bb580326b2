import type { Migration } from './types';

/**
 * GB 11643's check character is the capital X. Until the validation stored X, a lower-case x was
 * kept as typed, so a customer saved as ...x and the same person typed as ...X looked like two
 * different ID numbers (to search, to duplicate detection, to anyone comparing). Only the last
 * character can be x in a valid number; nothing else in the column changes.
 */
export const migration013: Migration = {
  version: 13,
  name: 'id-number-check-x',
  up(db) {
    db.exec(`UPDATE customers SET id_number = substr(id_number, 1, length(id_number) - 1) || 'X'
             WHERE id_number GLOB '*x'`);
  },
};
