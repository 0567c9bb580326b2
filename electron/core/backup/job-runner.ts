import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CofferError, isErrorCode } from '../../../shared/errors';
import type { AuditVerdict } from '../audit/audit-verify';
import type { AuditVerifyJobInput } from '../audit/audit-verify-job';
import type { BackupJobInput, BackupJobResult, DrillJobInput, DrillReport, ExtractJobInput } from './backup-jobs';

export interface JobRunner {
  backup(input: BackupJobInput, onStep: (step: string, percent?: number) => void): Promise<BackupJobResult>;
  drill(input: DrillJobInput, onStep: (step: string, percent?: number) => void): Promise<DrillReport>;
  extract(input: ExtractJobInput, onStep: (step: string) => void): Promise<{ bytes: number }>;
  /** The audit log's full verify (issue 18): off the main thread, same script, its own task. */
  auditVerify(input: AuditVerifyJobInput, onStep: (step: string, percent?: number) => void): Promise<AuditVerdict>;
}

/**
 * Runs each job in a fresh worker thread from the built worker script. Packaged, the script sits
 * inside app.asar: Electron's worker threads read from asar since electron/electron#33216, and the
 * SQLite addon itself comes from resources/native (the nativeBinding path in each job input).
 */
export function workerJobRunner(script: string): JobRunner {
  return {
    backup: (input, onStep) => runWorkerJob<BackupJobResult>(script, 'backup', input, onStep),
    drill: (input, onStep) => runWorkerJob<DrillReport>(script, 'drill', input, onStep),
    extract: (input, onStep) => runWorkerJob<{ bytes: number }>(script, 'extract', input, onStep),
    auditVerify: (input, onStep) => runWorkerJob<AuditVerdict>(script, 'auditVerify', input, onStep),
  };
}

/** One task of the worker script in a fresh thread; the worker also uses it for its helper threads. */
export function runWorkerJob<T>(script: string, task: string, input: unknown, onStep: (step: string, percent?: number) => void = () => {}): Promise<T> {
  if (!fs.existsSync(script)) return Promise.reject(new CofferError('INTERNAL', 'The backup worker is missing from this installation. Reinstall Coffer.'));
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(script, { workerData: { task, input } });
    let settled = false;
    worker.on('message', (message: { type: string; step?: string; percent?: number; value?: T; code?: string; message?: string }) => {
      if (message.type === 'progress' && message.step) onStep(message.step, message.percent);
      if (message.type === 'done') {
        settled = true;
        resolve(message.value as T);
      }
      if (message.type === 'error') {
        settled = true;
        reject(new CofferError(isErrorCode(message.code) ? message.code : 'INTERNAL', message.message ?? 'The backup job failed.'));
      }
    });
    worker.on('error', () => {
      if (!settled) reject(new CofferError('INTERNAL', 'The backup job stopped unexpectedly. Nothing was changed; try again.'));
      settled = true;
    });
    worker.on('exit', () => {
      if (!settled) reject(new CofferError('INTERNAL', 'The backup job stopped unexpectedly. Nothing was changed; try again.'));
    });
  });
}
