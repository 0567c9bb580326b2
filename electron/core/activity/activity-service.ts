import { INTERACTION_FUTURE_SLACK_MS } from '../../../shared/activity';
import { CofferError } from '../../../shared/errors';
import { grantFor, type Permission } from '../../../shared/permissions';
import type { AuditAction } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import { findCustomerInScope, type AuditFn } from '../customers/customer-service';
import { recordingProbes } from '../customers/scope-probe';
import type { InteractionKind } from '../customers/timeline-repository';
import type { Db } from '../db/open-database';
import { fieldGate, freeTextAllowed } from '../settings/customer-fields';
import { wakeIfRecent } from '../retention/retention-wake';
import { deleteInteraction, deletePurchase, findInteraction, findPurchase, updateInteraction, updatePurchase, type EntryOwner, type InteractionRow } from './activity-repository';

/**
 * An interaction happened, so its time is not later than now (a minute of clock skew allowed).
 * Checked in main against main's clock: the page's clock or input cannot move it.
 */
export function checkInteractionTime(at: string, now: Date): void {
  if (Date.parse(at) > now.getTime() + INTERACTION_FUTURE_SLACK_MS) {
    throw new CofferError('INVALID_INPUT', 'An interaction time cannot be in the future.', { at: 'in_future' });
  }
}

/** The names of the fields whose value differs (never the values: they go to the audit log). */
function changedFields<T extends object>(before: T, after: Partial<T>): string[] {
  return (Object.keys(after) as (keyof T & string)[]).filter((key) => (after[key] ?? null) !== (before[key] ?? null));
}

/**
 * Editing and deleting timeline entries. Whoever may add an entry to a customer may change or
 * remove that customer's entries (the same permission row and row scope as adding); each change
 * commits its audit row in the same transaction, before the answer goes out.
 */
export function createActivityService(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());

  /** An entry of a customer in scope, else NOT_FOUND (out of scope is recorded as a probe). */
  function inScope<T extends EntryOwner>(db: Db, session: Session, row: T | undefined, permission: Permission, what: string): T {
    if (!row) throw new CofferError('NOT_FOUND', `That ${what} does not exist.`);
    findCustomerInScope(db, session, grantFor(session.role, permission), row.customerId);
    return row;
  }

  /** Support may not overwrite or remove a summary the owner withholds from them: they cannot see what they would lose. */
  function readable(db: Db, session: Session, row: InteractionRow): InteractionRow {
    if (!freeTextAllowed(fieldGate(db), session, [row.authorId])) {
      throw new CofferError('FORBIDDEN', 'The owner keeps contact summaries from your role, so you cannot change this one.', { summary: 'withheld' });
    }
    return row;
  }

  function change(session: Session, body: (db: Db) => { action: AuditAction; customerId: number; fields?: string[] }): void {
    const db = deps.db();
    recordingProbes(db, deps.audit, session, now, db.transaction(() => {
      const done = body(db);
      deps.audit(db, { actor: auditActor(session), action: done.action, entity: 'customer', recordId: String(done.customerId), outcome: 'ok', ...(done.fields ? { fields: done.fields } : {}) }, now());
    }));
  }

  return {
    updateInteraction(session: Session, id: number, values: { kind: InteractionKind; at: string; summary: string }): void {
      checkInteractionTime(values.at, now());
      change(session, (db) => {
        const row = readable(db, session, inScope(db, session, findInteraction(db, id), 'interactions.write', 'interaction'));
        const fields = changedFields(row, values);
        updateInteraction(db, id, row.customerId, values);
        // A date corrected to recent is contact the rules did not know of (issue 17).
        if (fields.includes('at')) wakeIfRecent(db, deps.audit, auditActor(session), row.customerId, now());
        return { action: 'interaction.update', customerId: row.customerId, fields };
      });
    },

    deleteInteraction(session: Session, id: number): void {
      change(session, (db) => {
        const row = readable(db, session, inScope(db, session, findInteraction(db, id), 'interactions.write', 'interaction'));
        deleteInteraction(db, id, row.customerId);
        return { action: 'interaction.delete', customerId: row.customerId };
      });
    },

    updatePurchase(session: Session, id: number, values: { date: string; item: string; amountMinor: number; currency: string; note?: string | undefined }): void {
      change(session, (db) => {
        const row = inScope(db, session, findPurchase(db, id), 'purchases.write', 'purchase');
        // No note in the edit (the timeline does not show it): the stored note stays as it is.
        const next = { ...values, note: values.note === undefined ? row.note : values.note };
        const fields = changedFields(row, next);
        updatePurchase(db, id, next);
        if (fields.includes('date')) wakeIfRecent(db, deps.audit, auditActor(session), row.customerId, now());
        return { action: 'purchase.update', customerId: row.customerId, fields };
      });
    },

    deletePurchase(session: Session, id: number): void {
      change(session, (db) => {
        const row = inScope(db, session, findPurchase(db, id), 'purchases.write', 'purchase');
        deletePurchase(db, id);
        return { action: 'purchase.delete', customerId: row.customerId };
      });
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
