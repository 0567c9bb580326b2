import { parentPort, workerData } from 'node:worker_threads';
import { CofferError } from '../../../shared/errors';
import { parseInProcess } from './parse-file';
import type { ParseOptions } from './parsed-table';
import { parseFailure, type Limits } from './parse-limits';

/**
 * Worker-thread entry (built to out/main/import-worker.js): one file parsed per thread, under the
 * memory ceiling and wall clock parseImportFile set. Only typed codes and fixed messages go back,
 * never the file's content, a path or a stack trace.
 */
const job = workerData as { bytes: Uint8Array; options: ParseOptions; limits: Limits };

try {
  parentPort?.postMessage({ type: 'done', value: parseInProcess(job.bytes, job.options, job.limits) });
} catch (error) {
  // A RangeError is an allocation the file's declared sizes asked for (a huge sheet dimension).
  const refusal = error instanceof CofferError ? error : error instanceof RangeError ? parseFailure('too_large', job.limits) : null;
  parentPort?.postMessage(
    refusal
      ? { type: 'error', code: refusal.code, message: refusal.message, fields: refusal.fields }
      : { type: 'error', code: 'INTERNAL', message: 'Reading the file failed unexpectedly. Nothing was imported; try again.' },
  );
}
