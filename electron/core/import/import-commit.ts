import type { CustomerLevel } from '../../../shared/customers';
import type { ImportCounts, ImportProgress } from '../../../shared/import';
import { grantReaches, type Grant } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import { findCustomer, insertCustomer, replaceTags, tagsOf, touchCustomer, updateCustomerFields, type CustomerColumnField } from '../customers/customer-repository';
import { seesDormant, type AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import { finishBatch, insertEffect } from './import-repository';
import type { PlannedRow } from './import-plan';
import { changesFor, newCustomerNotes } from './row-changes';

export const COMMIT_BATCH = 500;

export interface CommitJob {
  batchId: string;
  progress: ImportProgress;
  cancelRequested: boolean;
}

interface CommitDeps {
  db: Db;
  session: Session;
  audit: AuditFn;
  now: () => Date;
  grant: Grant;
  fullField: (field: CustomerColumnField) => boolean;
  batchSize?: number;
  /** Between two transactions; the crash test kills the process here. */
  afterBatch?: (done: number) => void;
  /** Inside each batch's transaction, after its rows: the batch's consent events (issue 16). */
  afterRows?: ((written: readonly WrittenRow[], at: Date) => void) | undefined;
}

/** A row a batch wrote; erased: the owner's new consent let this person back in. */
export interface WrittenRow {
  customerId: number;
  action: string;
  erased?: true;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the dry run's plan in transactions of 500 rows: each holds its rows, their effects and
 * one audit row, so a crash leaves every batch whole or absent. Between two transactions the
 * event loop runs (progress and cancel are answered); a cancel stops before the next one.
 */
export async function runCommit(job: CommitJob, writes: readonly PlannedRow[], sha256: string, deps: CommitDeps): Promise<void> {
  const { db, session } = deps;
  const size = deps.batchSize ?? COMMIT_BATCH;
  const created = new Map<number, number>();
  const counts: ImportCounts = { ...job.progress.counts, new: 0, update: 0, merge: 0 };
  const failedBefore = counts.error;
  const actor = auditActor(session);

  const writeOne = (row: PlannedRow, at: string): number | null => {
    if (row.action === 'new') {
      const { values } = row;
      const notes = newCustomerNotes(values);
      const id = insertCustomer(db, session.userId, { ...values.values, name: values.values.name ?? '', level: values.values.level as CustomerLevel | undefined, ...(notes ? { notes } : {}) }, at);
      if (values.tags && values.tags.length > 0) replaceTags(db, id, values.tags);
      insertEffect(db, job.batchId, { row: row.row, customerId: id, action: 'new', before: null, afterUpdatedAt: at });
      created.set(row.row, id);
      return id;
    }
    const id = row.target && 'customerId' in row.target ? row.target.customerId : row.target ? created.get(row.target.row) : undefined;
    const existing = id === undefined ? undefined : findCustomer(db, id);
    // Gone since the dry run, or no longer the caller's (or dormant, for sales and support): counted as an error, nothing written.
    if (!existing || id === undefined || !grantReaches(deps.grant, existing.ownerId, session.userId) || (existing.dormantAt !== null && !seesDormant(session.role))) return null;
    if (row.target && 'row' in row.target) created.set(row.row, id);
    const choice = row.choice === 'skip' || row.choice === 'new' ? 'updateEmpty' : row.choice;
    const changes = changesFor(existing, tagsOf(db, [id]).get(id) ?? [], row.values, choice);
    const createdHere = row.target !== null && 'row' in row.target;
    if (!createdHere && Object.keys(changes.fields).some((f) => !deps.fullField(f as CustomerColumnField))) return null;
    if (Object.keys(changes.fields).length === 0 && !changes.tags) return id;
    updateCustomerFields(db, id, changes.fields, at);
    if (changes.tags) {
      replaceTags(db, id, changes.tags);
      touchCustomer(db, id, at);
    }
    insertEffect(db, job.batchId, { row: row.row, customerId: id, action: row.action, before: changes.before, afterUpdatedAt: at });
    return id;
  };

  for (let start = 0; start < writes.length; start += size) {
    if (job.cancelRequested) break;
    const slice = writes.slice(start, start + size);
    const at = deps.now();
    db.transaction(() => {
      const ids: number[] = [];
      const written: WrittenRow[] = [];
      for (const row of slice) {
        const id = writeOne(row, at.toISOString());
        if (id === null) counts.error += 1;
        else {
          counts[row.action] += 1;
          ids.push(id);
          written.push({ customerId: id, action: row.action, ...(row.erased ? { erased: true as const } : {}) });
        }
      }
      deps.afterRows?.(written, at);
      deps.audit(db, { actor, action: 'customer.import', entity: 'import', recordId: job.batchId, outcome: 'ok', reason: `batch=${job.batchId} rows=${slice.length}`, customerIds: ids }, at);
    })();
    job.progress = { ...job.progress, done: Math.min(writes.length, start + slice.length), counts: { ...counts } };
    deps.afterBatch?.(job.progress.done);
    await yieldToEventLoop();
  }

  const cancelled = job.cancelRequested && job.progress.done < writes.length;
  const at = deps.now();
  db.transaction(() => {
    finishBatch(db, job.batchId, cancelled ? 'cancelled' : 'complete', counts, at.toISOString());
    const summary = `batch=${job.batchId} ${cancelled ? 'cancelled' : 'complete'} new=${counts.new} update=${counts.update} merge=${counts.merge} skip=${counts.skip} error=${counts.error} sha256=${sha256}`;
    deps.audit(db, { actor, action: 'customer.import', entity: 'import', recordId: job.batchId, outcome: 'ok', reason: summary }, at);
  })();
  job.progress = { ...job.progress, state: cancelled ? 'cancelled' : 'done', counts: { ...counts, error: Math.max(counts.error, failedBefore) } };
}
