import { eraseCustomer } from './erasure';
import type { EraseAgain } from './ledger-reapply';

/**
 * How a restore (and the restore drill's check) erases again a person the ledger says was erased
 * after the backup was taken: the same eraseCustomer as the Erasure page, with no session (nobody
 * can sign in yet) and the ledger entry's own time. It runs inside the caller's transaction, and
 * an already-erased customer is a no-op, so re-applying twice changes nothing.
 */
export const ERASE_AGAIN: EraseAgain = (db, customerId, mode, at) => {
  eraseCustomer(db, customerId, mode, { trigger: 'reapply', actor: null, at });
};
