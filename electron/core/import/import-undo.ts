import { CofferError } from '../../../shared/errors';
import { grantFor, grantReaches } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import { CUSTOMER_FIELDS, findCustomer, replaceTags, softDeleteCustomer, updateCustomerFields, type CustomerColumnField } from '../customers/customer-repository';
import type { AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import { effectsOf, findBatch, markUndone, type BatchRow } from './import-repository';
import { DAY_MS } from '../platform/time';

export const UNDO_DAYS = 30;

export type UndoResult =
  | { status: 'blocked'; editedSince: { id: number; name: string }[] }
  | { status: 'undone'; removed: number; restored: number; kept: { id: number; name: string }[] };

/** The batch's own user, or a role that imports for everyone (owner, manager). Others: not found. */
export function batchForUndo(db: Db, session: Session, batchId: string): BatchRow {
  const batch = findBatch(db, batchId);
  const grant = grantFor(session.role, 'customers.import');
  if (!batch || !(grant === 'all' || (grant === 'own' && batch.userId === session.userId))) throw new CofferError('NOT_FOUND', 'That import does not exist.');
  return batch;
}

/**
 * Undoes a whole batch in one transaction: customers it created go to the recycle bin (soft
 * delete: interactions or reminders added since still point at them, and the recycle bin can
 * bring one back); customers it updated or merged get their before-image back. A customer edited
 * by someone since the import blocks the undo; with force it is kept as it is and listed.
 */
export function undoBatch(db: Db, session: Session, batchId: string, force: boolean, deps: { audit: AuditFn; now: () => Date }): UndoResult {
  return db.transaction((): UndoResult => {
    const batch = batchForUndo(db, session, batchId);
    const at = deps.now();
    if (batch.state === 'undone') throw new CofferError('CONFLICT', 'This import was undone already.');
    if (batch.state === 'running') throw new CofferError('CONFLICT', 'This import is still running. Cancel it first, then undo it.');
    if (at.getTime() - Date.parse(batch.startedAt) > UNDO_DAYS * DAY_MS) throw new CofferError('CONFLICT', `An import can be undone for ${UNDO_DAYS} days; this one is older.`);
    const readGrant = grantFor(session.role, 'customers.read');
    const effects = effectsOf(db, batchId);
    // The last effect on each customer tells what the import left it as.
    const lastAfter = new Map<number, string>();
    for (const e of effects) if (!lastAfter.has(e.customerId)) lastAfter.set(e.customerId, e.afterUpdatedAt);
    const edited = new Map<number, { id: number; name: string }>();
    for (const [id, after] of lastAfter) {
      const row = findCustomer(db, id);
      if (row && row.updatedAt !== after) edited.set(id, { id, name: grantReaches(readGrant, row.ownerId, session.userId) ? row.name : '' });
    }
    const shown = [...edited.values()].filter((c) => c.name !== '');
    if (edited.size > 0 && !force) return { status: 'blocked', editedSince: shown };

    let removed = 0;
    let restored = 0;
    const touched: number[] = [];
    const stamp = at.toISOString();
    for (const effect of effects) {
      if (edited.has(effect.customerId)) continue;
      if (effect.action === 'new') {
        if (softDeleteCustomer(db, effect.customerId, stamp)) removed += 1;
      } else if (effect.before) {
        const fields: Partial<Record<CustomerColumnField, string | null>> = {};
        for (const field of CUSTOMER_FIELDS) if (field in effect.before) fields[field] = effect.before[field] as string | null;
        updateCustomerFields(db, effect.customerId, fields, stamp);
        if (Array.isArray(effect.before.tags)) replaceTags(db, effect.customerId, effect.before.tags);
        restored += 1;
      }
      touched.push(effect.customerId);
    }
    markUndone(db, batchId, stamp);
    deps.audit(
      db,
      { actor: auditActor(session), action: 'customer.importUndo', entity: 'import', recordId: batchId, outcome: 'ok', reason: `batch=${batchId} removed=${removed} restored=${restored} kept=${edited.size}`, customerIds: [...touched, ...edited.keys()] },
      at,
    );
    return { status: 'undone', removed, restored, kept: shown };
  })();
}
