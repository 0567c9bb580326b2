import { CofferError } from '../../../shared/errors';
import { grantFor, grantReaches } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import type { AuditFn } from './customer-service';
import { findDeletedCustomer, listDeletedCustomers, restoreCustomer, type DeletedCustomerRow } from './customer-repository';

/**
 * The recycle bin: deleted customers, by name only, to those who may delete them (owner and
 * manager all, sales their own), and the way back. Restoring is a change, audited as such.
 */
export function createRecycleBinService(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());
  const grantOf = (session: Session) => grantFor(session.role, 'customers.delete');

  return {
    list(session: Session, limit: number): DeletedCustomerRow[] {
      const db = deps.db();
      const grant = grantOf(session);
      if (grant !== 'all' && grant !== 'own') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      return db.transaction(() => {
        const rows = listDeletedCustomers(db, grant === 'own' ? session.userId : undefined, limit);
        deps.audit(db, { actor: auditActor(session), action: 'customer.list', entity: 'customer', outcome: 'ok', fields: ['deleted'], customerIds: rows.map((r) => r.id) }, now());
        return rows;
      })();
    },

    restore(session: Session, id: number): void {
      const db = deps.db();
      db.transaction(() => {
        const row = findDeletedCustomer(db, id);
        const grant = grantOf(session);
        if (!row || !grantReaches(grant, row.ownerId, session.userId)) {
          throw new CofferError('NOT_FOUND', 'That customer is not in the recycle bin.');
        }
        restoreCustomer(db, id, now().toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'customer.restore', entity: 'customer', recordId: String(id), outcome: 'ok' }, now());
      })();
    },
  };
}

export type RecycleBinService = ReturnType<typeof createRecycleBinService>;
