import type { Db } from '../db/open-database';
import { recordErasure } from './ledger-record';

/** The person about to be erased or anonymised, as stored before anything is touched. */
export interface ErasureSubject {
  customerId: number;
  name: string;
  mobile: string | null;
  email: string | null;
  mode: 'anonymise' | 'delete';
}

/**
 * Runs inside the erasure's own transaction, before any row is changed (issue 16: "before anything
 * is erased, a ledger entry is written"). A hook that throws aborts the erasure: nothing is erased
 * without its record.
 */
export type BeforeErase = (db: Db, subject: ErasureSubject, at: Date) => void;

// One entry per line (merge=union).
export const BEFORE_ERASE: BeforeErase[] = [
  recordErasure, // decision ledger: hashed identifiers before anything goes (ledger-record.ts)
];
