import fs from 'node:fs';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { CofferError } from '../../../shared/errors';
import { runAuditVerifyJob, type AuditVerifyJobInput } from '../audit/audit-verify-job';
import { drillBackup, extractBackup, snapshotFacts, takeBackup, type BackupJobInput, type DrillJobInput, type ExtractJobInput, type ReadBack, type SnapshotFacts } from './backup-jobs';
import { backupCorrupt } from './container';
import { runWorkerJob } from './job-runner';

/**
 * Worker-thread entry (built to out/main/backup-worker.js): backups, drills and restores run here, on
 * their own SQLite connection, so the app's connection and every other channel stay responsive.
 * Only typed error codes and their fixed messages go back, never paths or stack traces.
 */
type FactsInput = Parameters<typeof snapshotFacts>[0];
const job = workerData as
  | { task: 'backup'; input: BackupJobInput }
  | { task: 'drill'; input: DrillJobInput }
  | { task: 'extract'; input: ExtractJobInput }
  | { task: 'facts'; input: FactsInput }
  | { task: 'readback'; input: { file: string } }
  | { task: 'auditVerify'; input: AuditVerifyJobInput };
const progress = (step: string, percent?: number) => parentPort?.postMessage({ type: 'progress', step, percent });

/** A second thread (this same script) counts the snapshot's rows while this one encrypts it. */
const countOnAnotherThread = (input: FactsInput) => runWorkerJob<SnapshotFacts>(__filename, 'facts', input);

/** A second thread reads each written piece back and compares it while this one writes the next. */
function readBackOnAnotherThread(file: string): ReadBack {
  const checker = new Worker(__filename, { workerData: { task: 'readback', input: { file } } });
  const verdict = new Promise<boolean>((resolve, reject) => {
    checker.once('message', (message: { type: string; value?: boolean }) => (message.type === 'done' ? resolve(message.value === true) : reject(backupCorrupt())));
    checker.once('error', reject);
  });
  verdict.catch(() => undefined);
  return {
    // A sealed chunk owns its memory and is not used again once written: hand it over rather
    // than copy it (small pieces share Node's pool, so those are copied).
    piece: (position, bytes) =>
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? checker.postMessage({ type: 'piece', position, bytes }, [bytes.buffer as ArrayBuffer])
        : checker.postMessage({ type: 'piece', position, bytes }),
    async finish(size) {
      checker.postMessage({ type: 'finish', size });
      const same = await verdict.finally(() => void checker.terminate());
      if (!same) throw backupCorrupt();
    },
    abort: () => void checker.terminate(),
  };
}

/** The read-back thread itself: same bytes at the same place, and nothing after the last piece. */
function readBack(file: string): Promise<boolean> {
  const fd = fs.openSync(file, 'r');
  let same = true;
  let buf = Buffer.allocUnsafe(0);
  return new Promise((resolve) => {
    parentPort?.on('message', (message: { type: 'piece'; position: number; bytes: Uint8Array } | { type: 'finish'; size: number }) => {
      if (message.type === 'piece') {
        const expected = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
        if (buf.length < expected.length) buf = Buffer.allocUnsafe(expected.length);
        const read = fs.readSync(fd, buf, 0, expected.length, message.position);
        same &&= read === expected.length && buf.subarray(0, read).equals(expected);
      } else {
        same &&= fs.fstatSync(fd).size === message.size;
        fs.closeSync(fd);
        resolve(same);
      }
    });
  });
}

const run: Promise<unknown> =
  job.task === 'backup'
    ? takeBackup(job.input, progress, {
        countRows: (file) => countOnAnotherThread({ file, key: job.input.key, nativeBinding: job.input.nativeBinding }),
        readBack: readBackOnAnotherThread,
      })
    : job.task === 'drill'
      ? drillBackup(job.input, progress)
      : job.task === 'extract'
        ? extractBackup(job.input, progress)
        : job.task === 'facts'
          ? Promise.resolve().then(() => snapshotFacts(job.input))
          : job.task === 'auditVerify'
            ? Promise.resolve().then(() => runAuditVerifyJob(job.input, progress))
            : readBack(job.input.file);
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
