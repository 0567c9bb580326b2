import type { CustomerFilters } from '../../../shared/customers';
import { CofferError } from '../../../shared/errors';
import { ROLES, grantFor } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import type { AuditFn } from './customer-service';
import { findCustomerInScope } from './customer-service';
import { activeUsersWithRoles, customerOwnersWhere, moveOpenReminders, setCustomerOwner, type AssignableUserRow, type OwnedRef } from './owner-repository';
import { DAY_MS } from '../platform/time';

export interface OwnerTransferDeps {
  db: () => Db;
  audit: AuditFn;
  now?: () => number;
}

export type OwnerSelection = { ids: readonly number[] } | { filters: CustomerFilters; expectCount: number };

/** A customer's owner must be able to work on it: roles without customer write access cannot hold customers. */
export const OWNING_ROLES = ROLES.filter((role) => grantFor(role, 'customers.write') !== 'none');

/**
 * Hands customers to another owner: one record, a ticked selection, or everything a filter
 * matches (a leaver's whole book). All or nothing, in one transaction, with one audit row per
 * customer naming the old and the new owner by user id.
 */
export function createOwnerTransfer(deps: OwnerTransferDeps) {
  const now = () => new Date((deps.now ?? Date.now)());

  /** 'own' would limit a role to its own customers; today only 'all' roles hold the permission. */
  function scopeOf(session: Session): 'all' | 'own' {
    const grant = grantFor(session.role, 'customers.assign');
    if (grant !== 'all' && grant !== 'own') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
    return grant;
  }

  function assignable(db: Db): AssignableUserRow[] {
    return activeUsersWithRoles(db, OWNING_ROLES);
  }

  function selected(db: Db, session: Session, selection: OwnerSelection): OwnedRef[] {
    const scope = scopeOf(session);
    if ('ids' in selection) {
      return [...new Set(selection.ids)].map((id) => {
        const row = findCustomerInScope(db, session, scope, id);
        return { id: row.id, ownerId: row.ownerId };
      });
    }
    const { filters } = selection;
    const where = {
      ...(scope === 'own' ? { ownerId: session.userId } : {}),
      level: filters.level,
      tag: filters.tag,
      ownerUsername: filters.owner,
      region: filters.region,
      quietSince: filters.dormantDays === undefined ? undefined : new Date(now().getTime() - filters.dormantDays * DAY_MS).toISOString(),
    };
    // One more than expected is enough to know the selection grew.
    return customerOwnersWhere(db, where, selection.expectCount + 1);
  }

  return {
    assignableOwners(): { username: string; displayName: string; role: AssignableUserRow['role'] }[] {
      return assignable(deps.db()).map(({ username, displayName, role }) => ({ username, displayName, role }));
    },

    setOwner(session: Session, selection: OwnerSelection, toUsername: string): { changed: number; toUsername: string } {
      const db = deps.db();
      const actor = auditActor(session);
      // A refusal is recorded, so its audit row commits even though the call fails.
      const outcome = db.transaction((): { changed: number } | { error: CofferError } => {
        const target = assignable(db).find((u) => u.username === toUsername);
        if (!target) {
          deps.audit(db, { actor, action: 'customer.owner', entity: 'customer', outcome: 'rejected', reason: 'target cannot own customers' }, now());
          return { error: new CofferError('INVALID_INPUT', 'Choose an active user who may own customers.', { toUsername: 'not_assignable' }) };
        }
        const refs = selected(db, session, selection);
        if ('expectCount' in selection && refs.length !== selection.expectCount) {
          deps.audit(db, { actor, action: 'customer.owner', entity: 'customer', outcome: 'rejected', reason: `selection changed: expected ${selection.expectCount}, found ${refs.length > selection.expectCount ? 'more' : refs.length}` }, now());
          return { error: new CofferError('CONFLICT', 'The selection changed since you looked at it. Reload the list, check it and try again.') };
        }
        const at = now();
        let changed = 0;
        for (const ref of refs) {
          if (ref.ownerId === target.id) continue;
          setCustomerOwner(db, ref.id, target.id, at.toISOString());
          const reminders = moveOpenReminders(db, ref.id, ref.ownerId, target.id);
          const fields = reminders > 0 ? ['owner', 'reminders.owner'] : ['owner'];
          deps.audit(db, { actor, action: 'customer.owner', entity: 'customer', recordId: String(ref.id), outcome: 'ok', fields, reason: `user ${ref.ownerId} -> user ${target.id}` }, at);
          changed += 1;
        }
        return { changed };
      })();
      if ('error' in outcome) throw outcome.error;
      return { changed: outcome.changed, toUsername };
    },
  };
}

export type OwnerTransfer = ReturnType<typeof createOwnerTransfer>;
