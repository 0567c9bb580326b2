import { parentPort, workerData } from 'node:worker_threads';
import { CofferError } from '../../../shared/errors';
import { openCheckReader, runCheckJobs, type CheckJob } from './erasure-check-jobs';

/**
 * Worker-thread entry (built to out/main/erasure-worker.js): the erasure after-checks (issue 16),
 * one read of every text column of every table per person, seconds at 100,000 customers, off the
 * main process. A batch (issue 17's retention run, an emptied recycle bin) is one thread and one
 * read transaction. Only the counts go back (table.column -> rows), never a value; on failure a
 * typed code, never a path or a stack trace.
 */
const job = workerData as { file: string; key: Uint8Array; nativeBinding: string | undefined; jobs: CheckJob[] };

let last = 0;
const progress = (done: number, total: number) => {
  // A message per table is cheap, but a batch of thousands need not flood main's event loop.
  const now = Date.now();
  if (done !== total && now - last < 100) return;
  last = now;
  parentPort?.postMessage({ type: 'progress', done, total });
};

try {
  const db = openCheckReader(job.file, job.key, job.nativeBinding);
  try {
    parentPort?.postMessage({ type: 'done', value: runCheckJobs(db, job.jobs, progress) });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort?.postMessage(
    error instanceof CofferError
      ? { type: 'error', code: error.code }
      : { type: 'error', code: typeof (error as { code?: unknown } | null)?.code === 'string' && /^[A-Z0-9_]{2,40}$/.test((error as { code: string }).code) ? (error as { code: string }).code : 'INTERNAL' },
  );
}
