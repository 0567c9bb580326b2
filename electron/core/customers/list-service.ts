import type { CustomerFilters } from '../../../shared/customers';
import { CofferError } from '../../../shared/errors';
import { grantFor, grantReaches, type Grant } from '../../../shared/permissions';
import type { ApprovalTicket } from '../approvals/approval-gate';
import type { AuditAction } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { addTags, removeTags, softDeleteCustomer, tagCounts, touchCustomer } from './customer-repository';
import { scopedCustomerWhere, seesDormant, type AuditFn } from './customer-service';
import { isFieldOn, refuseDisabledFilters } from '../settings/customer-fields';
import { levelValues, matchingRefs, ownerValues, regionValues } from './list-repository';

export interface CustomerListDeps {
  db: () => Db;
  audit: AuditFn;
  now?: () => number;
}

export interface FilterValues {
  levels: { value: string; count: number }[];
  regions: { value: string; count: number }[];
  tags: { value: string; count: number }[];
  owners: { username: string; displayName: string; count: number }[];
}

type Scope = 'all' | 'own' | 'none';
// Menus list values the way the name sort does: 华北, 华东, 华南 by pinyin, not by code point.
const PINYIN_ORDER = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
const byValue = (a: { value: string }, b: { value: string }) => PINYIN_ORDER.compare(a.value, b.value);
const scopeOf = (grant: Grant): Scope => (grant === 'all' || grant === 'own' ? grant : 'none');

/**
 * The list's helpers that work on "everything the filter matches": the values a filter can take,
 * and bulk tag and delete. A bulk call names how many customers the person saw; main evaluates
 * the filter again in the person's read scope, checks the right to change every row it found, and
 * changes all of them in one transaction or none (a changed selection or one row out of reach
 * refuses the whole call, with an audit row saying why).
 */
export function createCustomerListService(deps: CustomerListDeps) {
  const now = () => new Date((deps.now ?? Date.now)());

  function readScope(session: Session): Scope {
    return scopeOf(grantFor(session.role, 'customers.read'));
  }

  /** The matching rows, refusing (audited) a changed count or any row the person may not change. */
  function matching(db: Db, session: Session, filters: CustomerFilters, expectCount: number, permission: 'customers.write' | 'customers.delete', action: AuditAction): { ids: number[] } | { error: CofferError } {
    refuseDisabledFilters(db, filters);
    const where = scopedCustomerWhere(readScope(session), session.userId, filters, now(), session.role);
    // One more than expected is enough to know the selection grew.
    const refs = matchingRefs(db, where, expectCount + 1);
    const actor = auditActor(session);
    if (refs.length !== expectCount) {
      deps.audit(db, { actor, action, entity: 'customer', outcome: 'rejected', reason: `selection changed: expected ${expectCount}, found ${refs.length > expectCount ? 'more' : refs.length}` }, now());
      return { error: new CofferError('CONFLICT', 'The selection changed since you looked at it. Reload the list, check it and try again.') };
    }
    const grant = grantFor(session.role, permission);
    const refused = refs.filter((ref) => !grantReaches(grant, ref.ownerId, session.userId)).map((ref) => ref.id);
    if (refused.length > 0) {
      deps.audit(db, { actor, action, entity: 'customer', outcome: 'denied', reason: `bulk by filter: ${refused.length} of ${refs.length} out of reach`, customerIds: refused }, now());
      return { error: new CofferError('FORBIDDEN', 'Your role does not allow this.') };
    }
    return { ids: refs.map((ref) => ref.id) };
  }

  function run<T>(db: Db, body: () => T | { error: CofferError }): T {
    // A refusal is recorded, so its audit row commits even though the call fails.
    const outcome = db.transaction(body)();
    if (outcome && typeof outcome === 'object' && 'error' in outcome) throw outcome.error;
    return outcome as T;
  }

  return {
    /**
     * What the filter menus offer, within the person's read scope (a salesperson sees their own
     * book's regions and tags). Counts of values, not customer records: not audited as a read.
     */
    filterValues(session: Session): FilterValues {
      const scope = readScope(session);
      if (scope === 'none') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      const db = deps.db();
      const menu = { ownerId: scope === 'own' ? session.userId : undefined, hideDormant: !seesDormant(session.role) };
      return db.transaction(() => ({
        levels: levelValues(db, menu),
        regions: isFieldOn(db, 'region') ? regionValues(db, menu).sort(byValue) : [],
        tags: tagCounts(db, menu)
          .map(({ tag, count }) => ({ value: tag, count }))
          .sort(byValue),
        owners: ownerValues(db, menu).sort((a, b) => PINYIN_ORDER.compare(a.displayName, b.displayName)),
      }))();
    },

    tagMatching(session: Session, filters: CustomerFilters, expectCount: number, add: readonly string[], remove: readonly string[]): { changed: number } {
      const db = deps.db();
      return run(db, () => {
        const found = matching(db, session, filters, expectCount, 'customers.write', 'customer.tag');
        if ('error' in found) return found;
        const at = now();
        const changed = found.ids.filter((id) => {
          if (addTags(db, id, add) + removeTags(db, id, remove) === 0) return false;
          touchCustomer(db, id, at.toISOString());
          return true;
        });
        const fields = [...(add.length > 0 ? ['tags.add'] : []), ...(remove.length > 0 ? ['tags.remove'] : [])];
        deps.audit(db, { actor: auditActor(session), action: 'customer.tag', entity: 'customer', outcome: 'ok', fields, reason: `bulk by filter: ${changed.length} of ${found.ids.length} changed`, customerIds: changed }, at);
        return { changed: changed.length };
      });
    },

    /** To the recycle bin: restorable one by one from there, as a single delete is. */
    deleteMatching(session: Session, filters: CustomerFilters, expectCount: number, ticket: ApprovalTicket): { deleted: number } {
      const db = deps.db();
      return run(db, () => {
        const found = matching(db, session, filters, expectCount, 'customers.delete', 'customer.delete');
        if ('error' in found) return found;
        // Many rows ran under an approval (core/approvals): used here, with the delete, once.
        ticket.markExecuted(db);
        const at = now();
        const deleted = found.ids.filter((id) => softDeleteCustomer(db, id, at.toISOString()));
        deps.audit(db, { actor: auditActor(session), action: 'customer.delete', entity: 'customer', outcome: 'ok', reason: `bulk by filter: ${deleted.length} to the recycle bin`, customerIds: deleted }, at);
        return { deleted: deleted.length };
      });
    },
  };
}

export type CustomerListService = ReturnType<typeof createCustomerListService>;
