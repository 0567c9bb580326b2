import { randomUUID } from 'node:crypto';
import { MERGE_FIELDS, MERGE_MAX, MERGE_UNDO_DAYS, type MergeField, type MergePreview, type MergeRecord } from '../../../shared/channels/merge';
import { SENSITIVE_CUSTOMER_FIELDS, type CustomerView } from '../../../shared/customers';
import { CofferError } from '../../../shared/errors';
import { grantFor, grantReaches, type Grant } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { fieldGate, isFieldOn, withoutDisabledFields } from '../settings/customer-fields';
import { findCustomer, replaceTags, restoreCustomer, softDeleteCustomer, tagsOf, touchCustomer, updateCustomerFields, type CustomerColumnField, type CustomerRow } from './customer-repository';
import { findCustomerInScope, type AuditFn } from './customer-service';
import { wakeIfRecent } from '../retention/retention-wake';
import { toCustomerView, type FieldPolicy } from './customer-view';
import { differingFields, planMerge } from './merge-plan';
import {
  customerNames,
  findCustomerState,
  findMerge,
  insertMerge,
  latestInteractionAt,
  markMergeUndone,
  moveTimeline,
  moveTimelineBack,
  recentMerges,
  setCustomerTimes,
  timelineCounts,
  type MovedRows,
} from './merge-repository';
import { OutOfScopeError, recordingProbes } from './scope-probe';
import { copyEventsForMerge, deleteMergeCopies } from '../privacy/consent-repository';
import { DAY_MS } from '../platform/time';

const UNDO_MS = MERGE_UNDO_DAYS * DAY_MS;
const LIST_MAX = 50;

/** What a merge keeps in customer_merges.before: enough to put every row back exactly. */
interface Snapshot {
  survivor: RowImage;
  sources: (RowImage & { moved: MovedRows })[];
}
type RowImage = { id: number; fields: Record<CustomerColumnField, string | null>; tags: string[]; ownerId: number; createdAt: string; updatedAt: string; lastInteractionAt: string | null };

export interface MergeInput {
  survivorId: number;
  ids: readonly number[];
  fields: Partial<Record<MergeField, number>>;
}

function imageOf(row: CustomerRow, tags: string[]): RowImage {
  const fields = Object.fromEntries(MERGE_FIELDS.map((f) => [f, row[f]])) as Record<CustomerColumnField, string | null>;
  return { id: row.id, fields, tags, ownerId: row.ownerId, createdAt: row.createdAt, updatedAt: row.updatedAt, lastInteractionAt: row.lastInteractionAt };
}

const latest = (...values: (string | null)[]): string | null => values.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);

function checkIds(ids: readonly number[]): void {
  if (ids.length < 2 || ids.length > MERGE_MAX || new Set(ids).size !== ids.length || !ids.every((id) => Number.isInteger(id) && id > 0)) {
    throw new CofferError('INVALID_INPUT', `Choose two or three different customers to merge (at most ${MERGE_MAX}).`, { ids: 'invalid' });
  }
}

/**
 * Merging two or three customers into one, and undoing it for 30 days. Merging changes one
 * customer and deletes the others, so it needs both customers.write and customers.delete reaching
 * every record (sales: only their own). Everything happens in one transaction with its audit row.
 */
export function createMergeService(deps: { db: () => Db; audit: AuditFn; policy: FieldPolicy; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());

  function grants(session: Session): { write: Grant; remove: Grant } {
    const write = grantFor(session.role, 'customers.write');
    const remove = grantFor(session.role, 'customers.delete');
    const usable = (g: Grant) => g === 'all' || g === 'own';
    if (!usable(write) || !usable(remove)) throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
    return { write, remove };
  }

  /** A live customer both grants reach; otherwise NOT_FOUND, exactly as for a missing one. */
  function reach(db: Db, session: Session, id: number): CustomerRow {
    const { write, remove } = grants(session);
    const row = findCustomerInScope(db, session, write, id);
    if (!grantReaches(remove, row.ownerId, session.userId)) throw new OutOfScopeError(id);
    return row;
  }

  const scopedTransaction = <T>(db: Db, session: Session, body: () => T): T => recordingProbes(db, deps.audit, session, now, db.transaction(body));

  function views(db: Db, session: Session, rows: CustomerRow[]): CustomerView[] {
    const tags = tagsOf(db, rows.map((r) => r.id));
    const gate = fieldGate(db);
    return rows.map((row) => toCustomerView(withoutDisabledFields(row, gate, session.role), tags.get(row.id) ?? [], session.role, session.userId, deps.policy));
  }

  return {
    preview(session: Session, ids: readonly number[]): MergePreview {
      checkIds(ids);
      const db = deps.db();
      return scopedTransaction(db, session, () => {
        const rows = ids.map((id) => reach(db, session, id));
        const gate = fieldGate(db);
        const differs = differingFields(rows.map((row) => withoutDisabledFields(row, gate, session.role)));
        const fields: MergePreview['fields'] = [];
        for (const field of MERGE_FIELDS) {
          const sensitive = (SENSITIVE_CUSTOMER_FIELDS as readonly string[]).includes(field);
          const visibility = sensitive ? deps.policy.visibility(session.role, field as (typeof SENSITIVE_CUSTOMER_FIELDS)[number]) : 'full';
          if (visibility === 'hidden' || !isFieldOn(db, field)) continue;
          fields.push({ field, differs: differs.has(field), choosable: visibility === 'full' });
        }
        const newest = rows.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
        deps.audit(db, { actor: auditActor(session), action: 'customer.read', entity: 'customer', outcome: 'ok', fields: ['merge'], customerIds: ids }, now());
        return {
          customers: views(db, session, rows),
          suggestedSurvivorId: newest.id,
          fields,
          moves: rows.map((row) => ({ customerId: row.id, ...timelineCounts(db, row.id) })),
        };
      });
    },

    merge(session: Session, input: MergeInput): { mergeId: string; survivor: CustomerView; undoUntil: string; notes: number } {
      checkIds(input.ids);
      if (!input.ids.includes(input.survivorId)) throw new CofferError('INVALID_INPUT', 'The customer to keep must be one of those being merged.', { survivorId: 'invalid' });
      const db = deps.db();
      return scopedTransaction(db, session, () => {
        const rows = input.ids.map((id) => reach(db, session, id));
        const survivor = rows.find((r) => r.id === input.survivorId)!;
        const sources = rows.filter((r) => r.id !== input.survivorId);
        const plan = planMerge({ survivor, sources, picks: input.fields, visibility: (f) => deps.policy.visibility(session.role, f), fieldOn: (f) => isFieldOn(db, f) });
        const at = now().toISOString();
        const tags = tagsOf(db, input.ids);
        const snapshot: Snapshot = { survivor: imageOf(survivor, tags.get(survivor.id) ?? []), sources: [] };
        const mergeId = randomUUID();
        for (const source of sources) {
          snapshot.sources.push({ ...imageOf(source, tags.get(source.id) ?? []), moved: moveTimeline(db, source.id, survivor.id) });
          // Consent events are never updated: the kept customer gets copies naming this merge (undo deletes them).
          copyEventsForMerge(db, source.id, survivor.id, mergeId);
        }
        updateCustomerFields(db, survivor.id, plan.changes, at);
        const union = [...new Set(input.ids.flatMap((id) => tags.get(id) ?? []))].sort();
        const tagsChanged = union.length !== snapshot.survivor.tags.length;
        if (tagsChanged) replaceTags(db, survivor.id, union);
        touchCustomer(db, survivor.id, at);
        setCustomerTimes(db, survivor.id, { lastInteractionAt: latest(...rows.map((r) => r.lastInteractionAt), latestInteractionAt(db, survivor.id)) });
        // Recent entries moved onto a dormant survivor are contact it now has (issue 17); an undo leaves it awake until the next run.
        wakeIfRecent(db, deps.audit, auditActor(session), survivor.id, now());
        for (const source of sources) softDeleteCustomer(db, source.id, at);
        insertMerge(db, { id: mergeId, survivorId: survivor.id, mergedIds: sources.map((s) => s.id), before: JSON.stringify(snapshot), userId: session.userId, mergedAt: at, survivorUpdatedAt: at });
        const fields = [...Object.keys(plan.changes), ...(tagsChanged ? ['tags'] : [])];
        deps.audit(
          db,
          { actor: auditActor(session), action: 'customer.merge', entity: 'customer', recordId: String(survivor.id), outcome: 'ok', fields, reason: `merge ${mergeId}`, customerIds: [survivor.id, ...sources.map((s) => s.id)] },
          now(),
        );
        return { mergeId, survivor: views(db, session, [findCustomer(db, survivor.id)!])[0]!, undoUntil: new Date(Date.parse(at) + UNDO_MS).toISOString(), notes: plan.notes };
      });
    },

    undo(session: Session, mergeId: string): { restored: number[] } {
      const db = deps.db();
      const { write, remove } = grants(session);
      const refuse = (reason: string, message: string) => new CofferError('CONFLICT', message, { merge: reason });
      return db.transaction(() => {
        const merge = findMerge(db, mergeId);
        const survivor = merge && findCustomerState(db, merge.survivorId);
        const states = merge ? merge.mergedIds.map((id) => findCustomerState(db, id)) : [];
        const reaches = (s: { ownerId: number } | undefined) => !s || (grantReaches(write, s.ownerId, session.userId) && grantReaches(remove, s.ownerId, session.userId));
        if (!merge || !survivor || !reaches(survivor) || !states.every(reaches)) throw new CofferError('NOT_FOUND', 'That merge does not exist.');
        if (merge.undoneAt) throw refuse('undone', 'This merge was already undone.');
        if (now().getTime() - Date.parse(merge.mergedAt) > UNDO_MS) throw refuse('expired', `A merge can be undone for ${MERGE_UNDO_DAYS} days; this one is older.`);
        if (survivor.deletedAt) throw refuse('survivor_deleted', 'The merged customer was deleted since. Restore it from the recycle bin first.');
        if (survivor.updatedAt !== merge.survivorUpdatedAt) throw refuse('edited', 'The merged customer was changed after the merge, so undoing it would lose that change. Nothing was undone.');
        if (states.some((s) => !s)) throw refuse('source_gone', 'A customer of this merge was permanently deleted, so it cannot be brought back.');
        if (states.some((s) => s && !s.deletedAt)) throw refuse('source_restored', 'A customer of this merge was restored from the recycle bin since. Nothing was undone.');

        const snapshot = JSON.parse(merge.before) as Snapshot;
        const at = now().toISOString();
        for (const source of snapshot.sources) {
          moveTimelineBack(db, source.moved, merge.survivorId, source.id);
          restoreCustomer(db, source.id, at);
          setCustomerTimes(db, source.id, { updatedAt: source.updatedAt, lastInteractionAt: source.lastInteractionAt });
        }
        const before = snapshot.survivor;
        updateCustomerFields(db, before.id, before.fields, at);
        replaceTags(db, before.id, before.tags);
        // Contacts logged on the survivor after the merge stay with it and count as its last contact.
        setCustomerTimes(db, before.id, { updatedAt: before.updatedAt, lastInteractionAt: latest(before.lastInteractionAt, latestInteractionAt(db, before.id)) });
        // The originals never left the merged-away records; only the copies on the kept one go.
        deleteMergeCopies(db, merge.id);
        markMergeUndone(db, merge.id, at);
        const restored = snapshot.sources.map((s) => s.id);
        deps.audit(
          db,
          { actor: auditActor(session), action: 'customer.mergeUndo', entity: 'customer', recordId: String(before.id), outcome: 'ok', reason: `merge ${merge.id}`, customerIds: [before.id, ...restored] },
          now(),
        );
        return { restored };
      })();
    },

    /** Merges of the last 30 days this user may undo (sales: those of their own customers only). */
    list(session: Session): MergeRecord[] {
      const db = deps.db();
      const { write, remove } = grants(session);
      const own = write === 'own' || remove === 'own';
      return db.transaction(() => {
        const rows = recentMerges(db, new Date(now().getTime() - UNDO_MS).toISOString(), own ? session.userId : undefined, LIST_MAX);
        const ids = [...new Set(rows.flatMap((r) => [r.survivorId, ...r.mergedIds]))];
        const names = customerNames(db, ids);
        deps.audit(db, { actor: auditActor(session), action: 'customer.list', entity: 'customer', outcome: 'ok', fields: ['merges'], customerIds: ids }, now());
        return rows.map((row) => {
          const snapshot = JSON.parse(row.before) as Snapshot;
          const count = (table: keyof MovedRows) => snapshot.sources.reduce((n, s) => n + s.moved[table].length, 0);
          return {
            id: row.id,
            survivorId: row.survivorId,
            survivorName: names.get(row.survivorId) ?? '',
            sources: row.mergedIds.map((id) => ({ id, name: names.get(id) ?? '' })),
            byUsername: row.byUsername,
            mergedAt: row.mergedAt,
            undoUntil: new Date(Date.parse(row.mergedAt) + UNDO_MS).toISOString(),
            undoneAt: row.undoneAt,
            moved: { interactions: count('interactions'), purchases: count('purchases'), reminders: count('reminders') },
          };
        });
      })();
    },
  };
}

export type MergeService = ReturnType<typeof createMergeService>;
