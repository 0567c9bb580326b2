import { parentPort, Worker, workerData } from 'node:worker_threads';
import { CofferError } from '../../../shared/errors';
import { drillBackup, extractBackup, snapshotFacts, takeBackup, type BackupJobInput, type DrillJobInput, type ExtractJobInput, type SnapshotFacts } from './backup-jobs';

/**
 * Worker-thread entry (built to out/main/backup-worker.js): backups, drills and restores run here, on
 * their own SQLite connection, so the app's connection and every other channel stay responsive.
 * Only typed error codes and their fixed messages go back, never paths or stack traces.
 */
type FactsInput = Parameters<typeof snapshotFacts>[0];
const job = workerData as { task: 'backup'; input: BackupJobInput } | { task: 'drill'; input: DrillJobInput } | { task: 'extract'; input: ExtractJobInput } | { task: 'facts'; input: FactsInput };
const progress = (step: string) => parentPort?.postMessage({ type: 'progress', step });

/** A second thread (this same script) counts the snapshot's rows while this one encrypts it. */
function countOnAnotherThread(input: FactsInput): Promise<SnapshotFacts> {
  return new Promise((resolve, reject) => {
    const counter = new Worker(__filename, { workerData: { task: 'facts', input } });
    counter.once('message', (message: { type: string; value?: SnapshotFacts }) => (message.type === 'done' ? resolve(message.value!) : reject(new CofferError('INTERNAL', 'The backup could not count its rows. Nothing was saved: back up again.'))));
    counter.once('error', reject);
    counter.once('exit', () => reject(new CofferError('INTERNAL', 'The backup could not count its rows. Nothing was saved: back up again.')));
  });
}

const run: Promise<unknown> =
  job.task === 'backup'
    ? takeBackup(job.input, progress, { countRows: (file) => countOnAnotherThread({ file, key: job.input.key, nativeBinding: job.input.nativeBinding }) })
    : job.task === 'drill'
      ? drillBackup(job.input, progress)
      : job.task === 'extract'
        ? extractBackup(job.input, progress)
        : Promise.resolve().then(() => snapshotFacts(job.input));
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
