import { parentPort, workerData } from 'node:worker_threads';
import { CofferError } from '../../../shared/errors';
import { drillBackup, extractBackup, takeBackup, type BackupJobInput, type DrillJobInput, type ExtractJobInput } from './backup-jobs';

/**
 * Worker-thread entry (built to out/main/backup-worker.js): backups, drills and restores run here, on
 * their own SQLite connection, so the app's connection and every other channel stay responsive.
 * Only typed error codes and their fixed messages go back, never paths or stack traces.
 */
const job = workerData as { task: 'backup'; input: BackupJobInput } | { task: 'drill'; input: DrillJobInput } | { task: 'extract'; input: ExtractJobInput };
const progress = (step: string) => parentPort?.postMessage({ type: 'progress', step });
const run = job.task === 'backup' ? takeBackup(job.input, progress) : job.task === 'drill' ? drillBackup(job.input, progress) : extractBackup(job.input, progress);
run.then(
  (value) => parentPort?.postMessage({ type: 'done', value }),
  (error: unknown) =>
    parentPort?.postMessage(
      error instanceof CofferError
        ? { type: 'error', code: error.code, message: error.message }
        : // A SQLite or system error code (SQLITE_BUSY, EIO) says what failed without saying about what.
          { type: 'error', code: 'INTERNAL', message: `The backup job failed unexpectedly (${safeCode(error)}). Nothing was changed; try again.` },
    ),
);

function safeCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'unknown';
}
