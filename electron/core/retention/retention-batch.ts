import type { AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import type { CheckJob } from '../privacy/erasure-check-jobs';
import type { ErasureChecks } from '../privacy/erasure-checks';
import { eraseCustomer, eraseThenCheck } from '../privacy/erasure';
import { moveBatch, OPEN_REQUEST, pendingMembers, settleMember } from './retention-repository';

/** Members per transaction: each looks for the person's mentions in every free-text column, so a chunk stays short. */
export const CHUNK = 10;

export interface BatchRun {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now: () => Date;
  batchId: number;
  actor: { userId: number; username: string; role: string };
  approvalId: number | null;
  /** Told after every chunk (progress for the page); the state is in the batch row too. */
  onProgress?: () => void;
  /**
   * The erasure after-checks on the worker thread (erasure-checks.ts): a chunk's checks run there
   * after it commits, so main is not held by a whole-vault read per person. Without it (tests of
   * the batch alone) each check runs in place inside the chunk's transaction.
   */
  checks?: Pick<ErasureChecks, 'runErasureChecks'>;
}

/**
 * One chunk in ONE short transaction: each member is checked again as it is now (still a person,
 * not held, no open data-subject request, still dormant: a new interaction since the proposal wakes it and it is skipped), then
 * erased through the erasure's own eraseCustomer, which writes the decision ledger first (its
 * BEFORE_ERASE hook) and leaves the privacy-log record. Returns how many members remain.
 */
export function eraseMembers(db: Db, run: Pick<BatchRun, 'batchId' | 'actor' | 'approvalId'>, at: Date, deferredChecks?: CheckJob[]): number {
  return db.transaction(() => {
    const chunk = pendingMembers(db, run.batchId, CHUNK);
    const state = db.prepare(`SELECT c.legal_hold AS hold, ${OPEN_REQUEST} AS openRequest, c.dormant_at AS dormantAt FROM customers c WHERE c.id = ? AND c.deleted_at IS NULL AND c.erased_at IS NULL`);
    for (const member of chunk) {
      const row = state.get(member.customerId) as { hold: number; openRequest: number; dormantAt: string | null } | undefined;
      if (!row || row.hold === 1 || row.openRequest === 1 || row.dormantAt === null) {
        settleMember(db, run.batchId, member.customerId, 'skipped', null);
        continue;
      }
      const context = { actor: run.actor, approvalId: run.approvalId, trigger: 'manual' as const, at };
      let result;
      if (deferredChecks) {
        const done = eraseThenCheck(db, member.customerId, member.mode, context);
        if (done) deferredChecks.push(done.job);
        result = done?.result;
      } else {
        result = eraseCustomer(db, member.customerId, member.mode, context);
      }
      settleMember(db, run.batchId, member.customerId, result ? 'erased' : 'skipped', result?.logId ?? null);
    }
    return chunk.length;
  })();
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs a started batch to its end, a chunk at a time with the event loop free in between (the
 * window stays responsive and the progress can be read). A failure stops the batch as 'failed':
 * what was erased stays erased (each with its record), the rest stays pending.
 */
export async function runBatch(run: BatchRun): Promise<void> {
  try {
    for (;;) {
      await yieldToEvents();
      const db = run.db();
      const jobs: CheckJob[] | undefined = run.checks ? [] : undefined;
      const done = eraseMembers(db, run, run.now(), jobs) === 0;
      // The checks' answers land in each person's privacy-log record (a failure raises an alert there).
      if (run.checks && jobs && jobs.length > 0) await run.checks.runErasureChecks(jobs);
      run.onProgress?.();
      if (done) break;
    }
    const db = run.db();
    const at = run.now();
    db.transaction(() => {
      moveBatch(db, run.batchId, ['running'], 'done', { finishedAt: at.toISOString() });
      run.audit(db, { actor: run.actor, action: 'retention.batch', entity: 'retentionBatch', recordId: String(run.batchId), outcome: 'ok', reason: 'done' }, at);
    })();
  } catch (error) {
    const db = run.db();
    const at = run.now();
    const code = (error as { code?: string }).code ?? 'error';
    db.transaction(() => {
      moveBatch(db, run.batchId, ['running'], 'failed', { finishedAt: at.toISOString() });
      run.audit(db, { actor: run.actor, action: 'retention.batch', entity: 'retentionBatch', recordId: String(run.batchId), outcome: 'failed', reason: `failed ${code}` }, at);
    })();
  } finally {
    run.onProgress?.();
  }
}
