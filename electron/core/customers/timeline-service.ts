import { checkInteractionTime } from '../activity/activity-service';
import { grantFor, grantReaches, type Permission } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { fieldGate, freeTextAllowed } from '../settings/customer-fields';
import { findCustomerInScope, type AuditFn } from './customer-service';
import { recordingProbes } from './scope-probe';
import { wakeIfDormant } from '../retention/retention-wake';
import { insertInteraction, insertPurchase, timelineOf, type InteractionKind, type TimelineEntry } from './timeline-repository';

export type TimelineView = Omit<TimelineEntry, 'authorId'> & { withheld?: true };

/** Interactions and purchases: each follows its own row of the policy table, scoped per customer. */
export function createTimelineService(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());

  const reachable = (db: Db, session: Session, customerId: number, permission: Permission) =>
    findCustomerInScope(db, session, grantFor(session.role, permission), customerId);
  // An out-of-scope attempt is recorded once its transaction has rolled back (scope-probe.ts).
  const scopedTransaction = <T>(db: Db, session: Session, body: () => T): T => recordingProbes(db, deps.audit, session, now, db.transaction(body));

  return {
    timeline(session: Session, customerId: number, limit: number): TimelineView[] {
      const db = deps.db();
      return scopedTransaction(db, session, () => {
        const row = reachable(db, session, customerId, 'interactions.read');
        const withPurchases = grantReaches(grantFor(session.role, 'purchases.read'), row.ownerId, session.userId);
        deps.audit(db, { actor: auditActor(session), action: 'customer.read', entity: 'customer', recordId: String(customerId), outcome: 'ok', fields: ['timeline'] }, now());
        const gate = fieldGate(db);
        // Interaction summaries are free text about the person (issue 16): withheld from support
        // unless the owner allows, like notes. A purchase's text is the item, not a remark.
        return timelineOf(db, customerId, withPurchases, limit).map(({ authorId, ...entry }) =>
          entry.type === 'interaction' && !freeTextAllowed(gate, session, [authorId]) ? { ...entry, text: '', withheld: true as const } : entry,
        );
      });
    },

    addInteraction(session: Session, customerId: number, input: { kind: InteractionKind; at: string; summary: string }): number {
      checkInteractionTime(input.at, now());
      const db = deps.db();
      return scopedTransaction(db, session, () => {
        reachable(db, session, customerId, 'interactions.write');
        const id = insertInteraction(db, { customerId, ...input, userId: session.userId }, now().toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'interaction.create', entity: 'customer', recordId: String(customerId), outcome: 'ok', fields: ['kind', 'summary'] }, now());
        wakeIfDormant(db, deps.audit, auditActor(session), customerId, now());
        return id;
      });
    },

    addPurchase(session: Session, customerId: number, input: { date: string; item: string; amountMinor: number; currency: string; note?: string | undefined }): number {
      const db = deps.db();
      return scopedTransaction(db, session, () => {
        reachable(db, session, customerId, 'purchases.write');
        const id = insertPurchase(db, { customerId, ...input, userId: session.userId }, now().toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'purchase.create', entity: 'customer', recordId: String(customerId), outcome: 'ok', fields: ['item', 'amount'] }, now());
        wakeIfDormant(db, deps.audit, auditActor(session), customerId, now());
        return id;
      });
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
