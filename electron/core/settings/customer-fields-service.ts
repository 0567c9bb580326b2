import type { SwitchableField } from '../../../shared/customer-fields';
import { CofferError } from '../../../shared/errors';
import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import { NO_APPROVAL, type ApprovalTicket } from '../approvals/approval-gate';
import { recordFieldErasure } from '../privacy/ledger-record';
import { eraseFieldValues, fieldGate, fieldStates, OPTIONAL_CUSTOMER_FIELDS, optionalFieldsOn, storedValueIds, writeFieldOn, writeNotesForSupport } from './customer-fields';

/**
 * The owner's per-field switches (issue 16 minimisation) and the older ID/bank-card switch, both
 * on the same table. A change, and any erasure with its count and the customers it touched, is
 * audited in the transaction that makes it.
 */
export function createCustomerFieldsSettings(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());

  /**
   * A field erasure is a decision a restore must not undo: its ledger entry (field name and time)
   * is written first, in the same transaction, then every stored copy of the values goes.
   */
  function eraseField(db: Db, field: SwitchableField): number[] {
    recordFieldErasure(db, field, now());
    return eraseFieldValues(db, field);
  }

  function owner(session: Session): void {
    // settings.manage is owner-only in the policy table; checked again so the rule lives in core.
    if (session.role !== 'owner') throw new CofferError('FORBIDDEN', 'Only the owner changes which customer fields are kept.');
  }

  return {
    get: (): boolean => optionalFieldsOn(deps.db()),
    /** Per field: class, required, on or off, plus support's view of notes. */
    states: () => ({ fields: fieldStates(deps.db()), notesForSupport: fieldGate(deps.db()).notesForSupport }),
    /** How many customers hold a value in the field: the number the erase dialog asks to type. */
    storedCount: (field: SwitchableField): number => storedValueIds(deps.db(), field).length,

    /**
     * Switches one field on or off. erase (only when switching off) must carry the count the owner
     * confirmed; a different count now (someone added a value meanwhile) refuses (CONFLICT)
     * and changes nothing, so nobody erases more than they saw. The count is checked before the
     * approval gate (nobody asks a second person to approve a stale number) and again inside the
     * transaction; `approve` is the gate (approvals.gate), which an erase passes by default.
     */
    setField(session: Session, field: SwitchableField, enabled: boolean, erase: { expectCount: number } | undefined, approve: () => ApprovalTicket = () => NO_APPROVAL): { field: SwitchableField; enabled: boolean; erased: number } {
      owner(session);
      if (enabled && erase) throw new CofferError('INVALID_INPUT', 'Values are erased only when a field is switched off.', { eraseExpectCount: 'invalid' });
      const db = deps.db();
      const sameCount = () => {
        const count = storedValueIds(db, field).length;
        if (erase && count !== erase.expectCount) throw new CofferError('CONFLICT', `The number of stored values changed (now ${count}). Check it and confirm again.`, { eraseExpectCount: String(count) });
      };
      sameCount();
      const ticket = approve();
      return db.transaction(() => {
        let ids: number[] = [];
        if (erase) {
          sameCount();
          ids = eraseField(db, field);
        }
        writeFieldOn(db, field, enabled, now().toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'settings.customerField', outcome: 'ok', fields: [field], reason: enabled ? 'on' : erase ? `off, erased ${ids.length}` : 'off', ...(ids.length > 0 ? { customerIds: ids } : {}) }, now());
        ticket.markExecuted(db);
        return { field, enabled, erased: ids.length };
      })();
    },

    setNotesForSupport(session: Session, on: boolean): { notesForSupport: boolean } {
      owner(session);
      const db = deps.db();
      db.transaction(() => {
        writeNotesForSupport(db, on);
        deps.audit(db, { actor: auditActor(session), action: 'settings.customerField', outcome: 'ok', fields: ['notes.support'], reason: on ? 'support sees notes' : 'notes withheld from support' }, now());
      })();
      return { notesForSupport: on };
    },

    /** The older switch (settings.setCustomerFields): ID number and bank card together. */
    set(session: Session, on: boolean, erase: boolean, approve: () => ApprovalTicket = () => NO_APPROVAL): { optionalFields: boolean; erased: number } {
      const db = deps.db();
      const ticket = approve();
      return db.transaction(() => {
        const touched = new Set<number>();
        for (const field of OPTIONAL_CUSTOMER_FIELDS) {
          if (!on && erase) for (const id of eraseField(db, field)) touched.add(id);
          writeFieldOn(db, field, on, now().toISOString());
        }
        const erased = touched.size;
        deps.audit(db, { actor: auditActor(session), action: 'settings.change', outcome: 'ok', fields: ['optionalFields'], reason: on ? 'on' : erased > 0 ? `off, erased ${erased}` : 'off', ...(erased > 0 ? { customerIds: [...touched] } : {}) }, now());
        ticket.markExecuted(db);
        return { optionalFields: on, erased };
      })();
    },
  };
}

export type CustomerFieldsSettings = ReturnType<typeof createCustomerFieldsSettings>;
