import type { EraseAgain } from './ledger-reapply';

/**
 * The one place the erasure stream's function is wired in (issue 16, branch erasure:
 * eraseCustomer(db, customerId, mode, context), adapted to EraseAgain). Both the restore's
 * re-apply (core/index.ts) and the restore drill's check (backup-jobs.ts, in the worker) use it.
 * Until it is set, an erasure entry whose person a restore brings back is counted as held back
 * and the drill's erased-absent check fails: honestly, since nothing erases them again yet.
 */
export const ERASE_AGAIN: EraseAgain | undefined = undefined;
