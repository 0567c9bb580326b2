import type { EraseCheck } from '../../../shared/erasure';
import { mapSqliteError, openVaultReader, type Db } from '../db/open-database';
import { checkErased, type CheckedPerson } from './erasure-check';
import type { Term } from './erasure-terms';

/**
 * One after-check to run once its erasure has committed: the privacy-log row it answers, the ids
 * erased together and the values to look for. The values exist only here, in memory, between the
 * commit and the check (the person is gone from the vault): they never reach a log or the page.
 */
export interface CheckJob {
  logId: number;
  customerId: number;
  subjectIds: number[];
  terms: Term[];
  person: CheckedPerson;
}

export interface CheckOutcome {
  logId: number;
  customerId: number;
  check: EraseCheck;
}

/**
 * Every job against ONE read transaction: a batch's checks all see the same committed state,
 * whatever main writes meanwhile. Progress counts tables searched over the whole batch.
 */
export function runCheckJobs(db: Db, jobs: readonly CheckJob[], onProgress: (done: number, total: number) => void = () => {}): CheckOutcome[] {
  return db.transaction(() =>
    jobs.map((job, i) => ({
      logId: job.logId,
      customerId: job.customerId,
      check: checkErased(db, job.subjectIds, job.terms, job.person, (done, total) => onProgress(i * total + done, jobs.length * total)),
    })),
  )();
}

/**
 * The live vault opened read-only on the worker's own connection (WAL: main keeps writing; this
 * reader sees the last commit as of its transaction's start). Same cipher settings and page
 * cache as the app's connection; temp data stays in memory because the check sorts nothing it
 * could write in clear, and must never start to.
 */
export function openCheckReader(file: string, key: Uint8Array, nativeBinding: string | undefined): Db {
  return openVaultReader(file, key, nativeBinding, mapSqliteError);
}
