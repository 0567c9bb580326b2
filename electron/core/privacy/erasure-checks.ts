import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CHECK_INTERRUPTED, type CheckProgress, type EraseCheck } from '../../../shared/erasure';
import type { AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import type { CheckJob, CheckOutcome } from './erasure-check-jobs';
import { runningChecks, settleCheck } from './erasure-repository';

export interface ErasureChecksDeps {
  /** The built worker (out/main/erasure-worker.js beside main). */
  script: string;
  /** The open vault's file and key, for the worker's own read-only connection. */
  material: () => { dbFile: string; key: Uint8Array; nativeBinding: string | undefined };
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  /** A failed or interrupted check: an alert in the inbox (monitoring's erasure.check.failed). */
  raiseFailed: (db: Db, count: number, at: Date) => void;
  now: () => number;
}

/**
 * The erasure after-checks (issue 16) on a worker thread, so the whole-vault read (seconds at
 * 100,000 customers) never holds the main process. The erasure itself commits on main first
 * (its privacy-log row says 'running'); the worker then reads that committed state in one read
 * transaction, and its answer is stored in the same row, audited, and a failure raised as an
 * alert. runErasureChecks takes a batch: an emptied recycle bin, the automatic purge, and issue
 * 17's retention run share one thread and one read per batch.
 */
export function createErasureChecks(deps: ErasureChecksDeps) {
  const runs = new Map<object, { jobs: number; done: number; total: number }>();
  /** Log rows whose check runs in this process now: not 'interrupted', whatever the vault says. */
  const inFlight = new Set<number>();
  /** Answers that arrived while the vault was locked: stored at the next open. */
  let unsaved: CheckOutcome[] = [];

  function inWorker(jobs: readonly CheckJob[], onProgress: (done: number, total: number) => void): Promise<CheckOutcome[]> {
    if (!fs.existsSync(deps.script)) return Promise.reject(new Error('erasure worker missing'));
    const { dbFile, key, nativeBinding } = deps.material();
    return new Promise((resolve, reject) => {
      const worker = new Worker(deps.script, { workerData: { file: dbFile, key, nativeBinding, jobs } });
      let settled = false;
      worker.on('message', (message: { type: string; done?: number; total?: number; value?: CheckOutcome[]; code?: string }) => {
        if (message.type === 'progress') onProgress(message.done ?? 0, message.total ?? 0);
        else if (message.type === 'done') {
          settled = true;
          resolve(message.value ?? []);
        } else if (message.type === 'error') {
          settled = true;
          reject(new Error(`erasure check failed (${message.code ?? 'INTERNAL'})`));
        }
      });
      worker.on('error', (error) => {
        if (!settled) reject(error);
        settled = true;
      });
      worker.on('exit', () => {
        if (!settled) reject(new Error('erasure worker stopped'));
      });
    });
  }

  /** Stores each answer (only on a row still 'running' for that customer), audits it, and raises one alert for the failures. */
  function store(db: Db, outcomes: readonly CheckOutcome[], at: Date): void {
    db.transaction(() => {
      let failed = 0;
      for (const o of outcomes) {
        if (!settleCheck(db, o.logId, o.customerId, o.check)) continue;
        const verdict = o.check.status === 'interrupted' ? 'interrupted' : o.check.passed ? 'passed' : 'failed';
        if (!o.check.passed) failed += 1;
        deps.audit(db, { actor: null, action: 'privacy.check', entity: 'privacyLog', recordId: String(o.logId), outcome: 'ok', reason: `log ${o.logId} check ${verdict}`, customerIds: [o.customerId] }, at);
      }
      if (failed > 0) deps.raiseFailed(db, failed, at);
    })();
  }

  function save(outcomes: readonly CheckOutcome[]): void {
    let db: Db;
    try {
      db = deps.db();
    } catch {
      unsaved.push(...outcomes); // locked meanwhile: the next open stores them
      return;
    }
    store(db, outcomes, new Date(deps.now()));
  }

  return {
    /**
     * Runs the checks of erasures that have committed, stores each answer in its privacy-log row,
     * and resolves with them by log id. Never rejects: a worker that cannot start or dies leaves
     * each check 'interrupted' (failed, alerted), because the values it needed are gone.
     */
    async runErasureChecks(jobs: readonly CheckJob[], onProgress?: (done: number, total: number) => void): Promise<Map<number, EraseCheck>> {
      if (jobs.length === 0) return new Map();
      const run = { jobs: jobs.length, done: 0, total: 0 };
      runs.set(run, run);
      for (const job of jobs) inFlight.add(job.logId);
      let outcomes: CheckOutcome[];
      try {
        outcomes = await inWorker(jobs, (done, total) => {
          run.done = done;
          run.total = total;
          onProgress?.(done, total);
        });
      } catch {
        outcomes = jobs.map((job) => ({ logId: job.logId, customerId: job.customerId, check: CHECK_INTERRUPTED }));
      } finally {
        runs.delete(run);
      }
      try {
        save(outcomes);
      } finally {
        for (const job of jobs) inFlight.delete(job.logId);
      }
      return new Map(outcomes.map((o) => [o.logId, o.check]));
    },

    /** The checks running now, for the Erasure page's progress line. */
    progress(): CheckProgress {
      let done = 0;
      let total = 0;
      let running = 0;
      for (const run of runs.values()) {
        running += run.jobs;
        done += run.done;
        total += run.total;
      }
      return { running, done, total };
    },

    /**
     * At every open: answers that arrived while locked are stored; rows still 'running' that no
     * check of this process is working on were cut off (a quit, a crash) and become 'interrupted'.
     */
    settle(db: Db): void {
      const pending = unsaved;
      unsaved = [];
      const stale = runningChecks(db).filter((row) => !inFlight.has(row.logId) && !pending.some((o) => o.logId === row.logId));
      const outcomes = [...pending, ...stale.map((row) => ({ ...row, check: CHECK_INTERRUPTED }))];
      if (outcomes.length > 0) store(db, outcomes, new Date(deps.now()));
    },

    /** Resolves when no check is running (tests and the benchmark wait on it). */
    idle: async (): Promise<void> => {
      while (runs.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

export type ErasureChecks = ReturnType<typeof createErasureChecks>;
