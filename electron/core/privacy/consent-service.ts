import { needsSeparateConsent, type ConsentEvent, type ConsentPurpose, type ConsentRecordInput, type ConsentState, type ImportConsent, type MarketingPurpose, type PrivacyNotice } from '../../../shared/consent';
import { CofferError } from '../../../shared/errors';
import { LAWFUL_BASES, basisAllowed, type PrivacyRegime } from '../../../shared/privacy';
import { grantFor, type Grant } from '../../../shared/permissions';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import { findCustomerInScope } from '../customers/customer-service';
import { recordingProbes } from '../customers/scope-probe';
import type { Db } from '../db/open-database';
import { readPrivacyRegime } from './privacy-settings-repository';
import { recordRequestStep } from './request-steps';
import { consentEventsOf, currentStates, customersWithoutBasis, insertConsentEvent, insertNotice, listNotices, noticeExists, purposeStates } from './consent-repository';

export interface ConsentDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}

interface EventShape {
  purpose: ConsentPurpose;
  customLabel?: string | undefined;
  event: ConsentEvent['event'];
  basis?: string | undefined;
  separate: boolean;
  noticeVersion?: number | undefined;
}

/**
 * The rules every new event passes, from the page or an import: a custom purpose has its label
 * (and only it does), a grant names a basis the shop's regime offers (legitimate interest only
 * under GDPR), PIPL's separate consent is not skipped, the notice exists. Typed error, nothing written.
 */
export function checkConsentEvent(db: Db, regime: PrivacyRegime, e: EventShape): void {
  if ((e.purpose === 'custom') !== (e.customLabel !== undefined)) {
    throw new CofferError('INVALID_INPUT', 'A custom purpose needs its own label; the other purposes have none.', { customLabel: e.purpose === 'custom' ? 'required' : 'not_allowed' });
  }
  if (e.event === 'withdrawn') {
    if (e.basis !== undefined) throw new CofferError('INVALID_INPUT', 'A withdrawal has no lawful basis.', { basis: 'not_allowed' });
  } else {
    if (e.basis === undefined) throw new CofferError('INVALID_INPUT', 'Choose the lawful basis.', { basis: 'required' });
    if (!basisAllowed(regime, e.basis)) throw new CofferError('INVALID_INPUT', "That lawful basis is not one of the privacy regime's.", { basis: 'not_in_regime' });
    if (needsSeparateConsent(regime, e.purpose, e.basis) && !e.separate) {
      throw new CofferError('INVALID_INPUT', 'PIPL needs separate consent for this purpose: record it only once the customer gave it separately.', { separate: 'required' });
    }
  }
  if (e.noticeVersion !== undefined && !noticeExists(db, e.noticeVersion)) throw new CofferError('INVALID_INPUT', 'That privacy notice version does not exist.', { noticeVersion: 'not_found' });
}

/**
 * Consent history per customer (append-only; current state derived), the privacy-notice versions,
 * the "no recorded basis" worklist, and the checks other features ask (export, reminders, import).
 * Reads and changes write their audit row in the same transaction.
 */
export function createConsentService(deps: ConsentDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  const scope = (session: Session, permission: 'consent.read' | 'consent.write'): Grant => grantFor(session.role, permission);

  return {
    history(session: Session, customerId: number): { regime: PrivacyRegime; states: ConsentState[]; events: ConsentEvent[]; canRecord: boolean } {
      const db = deps.db();
      return recordingProbes(db, deps.audit, session, now, () =>
        db.transaction(() => {
          const customer = findCustomerInScope(db, session, scope(session, 'consent.read'), customerId);
          const events = consentEventsOf(db, customerId);
          deps.audit(db, { actor: auditActor(session), action: 'consent.read', entity: 'customer', recordId: String(customerId), outcome: 'ok', customerIds: [customerId] }, now());
          const write = scope(session, 'consent.write');
          const canRecord = write === 'all' || (write === 'own' && customer.ownerId === session.userId);
          return { regime: readPrivacyRegime(db), states: currentStates(events), events, canRecord };
        })(),
      );
    },

    record(session: Session, input: ConsentRecordInput): { id: number } {
      const db = deps.db();
      return recordingProbes(db, deps.audit, session, now, () =>
        db.transaction(() => {
          findCustomerInScope(db, session, scope(session, 'consent.write'), input.customerId);
          checkConsentEvent(db, readPrivacyRegime(db), input);
          if (input.requestId !== undefined && input.event !== 'withdrawn') throw new CofferError('INVALID_INPUT', 'Only a withdrawal answers a withdrawal request.', { requestId: 'not_withdrawal' });
          const at = now();
          const id = insertConsentEvent(
            db,
            {
              customerId: input.customerId,
              purpose: input.purpose,
              customLabel: input.customLabel ?? null,
              event: input.event,
              basis: input.basis ?? null,
              separate: input.separate,
              evidenceSource: input.evidenceSource,
              evidenceDate: input.evidenceDate,
              noticeVersion: input.noticeVersion ?? null,
              recordedBy: session.userId,
            },
            at.toISOString(),
          );
          // The purpose and event are fixed words; a custom label is the owner's text and stays out of the log.
          if (input.requestId !== undefined) recordRequestStep(db, session, { requestId: input.requestId, customerId: input.customerId, kind: 'withdrawn', note: `purpose=${input.purpose}` }, at);
          deps.audit(db, { actor: auditActor(session), action: 'consent.record', entity: 'customer', recordId: String(input.customerId), outcome: 'ok', fields: ['consent'], reason: `purpose=${input.purpose} event=${input.event}`, customerIds: [input.customerId] }, at);
          return { id };
        })(),
      );
    },

    /** Sales see their own customers; roles that read everyone see everyone. */
    missing(session: Session, page: { offset: number; limit: number }): { items: { id: number; name: string; owner: string }[]; total: number } {
      const db = deps.db();
      const grant = scope(session, 'consent.read');
      if (grant !== 'all' && grant !== 'own') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      return db.transaction(() => {
        const result = customersWithoutBasis(db, grant === 'own' ? session.userId : null, page.offset, page.limit);
        deps.audit(db, { actor: auditActor(session), action: 'consent.missing', entity: 'customer', outcome: 'ok', reason: `total=${result.total}`, customerIds: result.items.map((i) => i.id) }, now());
        return result;
      })();
    },

    notices(): { regime: PrivacyRegime; bases: string[]; notices: PrivacyNotice[] } {
      const db = deps.db();
      const regime = readPrivacyRegime(db);
      return { regime, bases: [...LAWFUL_BASES[regime]], notices: listNotices(db) };
    },

    addNotice(session: Session, input: { text: string; effectiveDate: string }): { version: number } {
      const db = deps.db();
      const at = now();
      return db.transaction(() => {
        const version = insertNotice(db, input.text, input.effectiveDate, session.userId, at.toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'consent.notice', entity: 'privacyNotice', recordId: String(version), outcome: 'ok', fields: ['text', 'effectiveDate'] }, at);
        return { version };
      })();
    },
  };
}

export type ConsentService = ReturnType<typeof createConsentService>;

/** A reminder marked for a marketing purpose: refused while the customer has withdrawn it. */
export function assertPurposeNotWithdrawn(db: Db, customerId: number, purpose: MarketingPurpose): void {
  if (purposeStates(db, purpose, [customerId]).get(customerId) === 'withdrawn') {
    throw new CofferError('CONSENT_WITHDRAWN', 'This customer withdrew consent for this purpose. Choose another kind of reminder, or record a new consent first.', { purpose });
  }
}

/** An export for a purpose keeps only customers whose purpose is active; it counts the others by reason. */
export function consentExportFilter(db: Db, purpose: MarketingPurpose) {
  const left = { purpose, withdrawn: 0, neverGranted: 0 };
  return {
    left,
    keep<T extends { id: number }>(views: T[]): T[] {
      const states = purposeStates(db, purpose, views.map((v) => v.id));
      return views.filter((v) => {
        const state = states.get(v.id);
        if (state === 'active') return true;
        if (state === 'withdrawn') left.withdrawn += 1;
        else left.neverGranted += 1;
        return false;
      });
    },
  };
}

/**
 * An import's batch-wide consent, checked before the commit starts and then written inside each
 * batch's transaction: a grant for the customers the batch creates, a withdrawal for every
 * customer it wrote or matched. One audit row per batch transaction (ids only).
 */
export function importConsentWriter(db: Db, session: Session, consent: ImportConsent, audit: ConsentDeps['audit']) {
  const regime = readPrivacyRegime(db);
  if (consent.grant) checkConsentEvent(db, regime, { ...consent.grant, event: 'granted' });
  if (consent.withdraw) checkConsentEvent(db, regime, { ...consent.withdraw, event: 'withdrawn', separate: false });
  return (written: readonly { customerId: number; action: string }[], at: Date): void => {
    const ids: number[] = [];
    for (const row of written) {
      const base = { customerId: row.customerId, recordedBy: session.userId, noticeVersion: null as number | null };
      if (consent.grant && row.action === 'new') {
        const g = consent.grant;
        insertConsentEvent(db, { ...base, purpose: g.purpose, customLabel: g.customLabel ?? null, event: 'granted', basis: g.basis, separate: g.separate, evidenceSource: g.evidenceSource, evidenceDate: g.evidenceDate, noticeVersion: g.noticeVersion ?? null }, at.toISOString());
        ids.push(row.customerId);
      }
      if (consent.withdraw) {
        const w = consent.withdraw;
        insertConsentEvent(db, { ...base, purpose: w.purpose, customLabel: w.customLabel ?? null, event: 'withdrawn', basis: null, separate: false, evidenceSource: w.evidenceSource, evidenceDate: w.evidenceDate }, at.toISOString());
        if (!ids.includes(row.customerId)) ids.push(row.customerId);
      }
    }
    if (ids.length === 0) return;
    const what = [consent.grant ? `grant=${consent.grant.purpose}` : '', consent.withdraw ? `withdraw=${consent.withdraw.purpose}` : ''].filter(Boolean).join(' ');
    audit(db, { actor: auditActor(session), action: 'consent.record', entity: 'import', outcome: 'ok', fields: ['consent'], reason: `import ${what} customers=${ids.length}`, customerIds: ids }, at);
  };
}
