import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import { optionalFieldsOn, setOptionalFields } from './customer-fields';

/** The owner's switch for ID numbers and bank cards; a change (and any erasure) is audited with it. */
export function createCustomerFieldsSettings(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());
  return {
    get: (): boolean => optionalFieldsOn(deps.db()),
    set(session: Session, on: boolean, erase: boolean): { optionalFields: boolean; erased: number } {
      const db = deps.db();
      return db.transaction(() => {
        const erased = setOptionalFields(db, on, erase);
        deps.audit(db, { actor: auditActor(session), action: 'settings.change', outcome: 'ok', fields: ['optionalFields'], reason: on ? 'on' : erased > 0 ? `off, erased ${erased}` : 'off' }, now());
        return { optionalFields: on, erased };
      })();
    },
  };
}

export type CustomerFieldsSettings = ReturnType<typeof createCustomerFieldsSettings>;
