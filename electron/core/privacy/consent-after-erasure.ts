import type { NewConsent } from '../../../shared/ledger';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { insertConsentEvent } from './consent-repository';
import { checkConsentEvent } from './consent-service';
import { readPrivacyRegime } from './privacy-settings-repository';

type Audit = (db: Db, entry: AuditEntry, at: Date) => unknown;

/**
 * The owner's new consent for a person erased at their request passes the rules of any consent
 * event (a basis of the regime, PIPL's separate consent, an existing notice), one purpose at a
 * time, before the ledger entry is superseded: a bad one is a typed error and nothing changes.
 */
export function checkNewConsent(db: Db, consent: NewConsent): void {
  const regime = readPrivacyRegime(db);
  for (const purpose of consent.purposes) {
    checkConsentEvent(db, regime, { purpose, event: 'granted', basis: consent.basis, separate: consent.separate, noticeVersion: consent.noticeVersion });
  }
}

/**
 * Writes that consent into the consent history of the customers it let back in, in the
 * transaction that creates them: one 'granted' event per purpose, origin 'after-erasure', so the
 * history says why the person is back. One audit row (fixed words and ids only).
 */
export function recordNewConsent(db: Db, session: Session, customerIds: readonly number[], consent: NewConsent, audit: Audit, at: Date): void {
  if (customerIds.length === 0) return;
  for (const customerId of customerIds) {
    for (const purpose of consent.purposes) {
      insertConsentEvent(
        db,
        {
          customerId,
          purpose,
          customLabel: null,
          event: 'granted',
          basis: consent.basis,
          separate: consent.separate,
          evidenceSource: consent.evidenceSource,
          evidenceDate: consent.evidenceDate,
          noticeVersion: consent.noticeVersion ?? null,
          recordedBy: session.userId,
          origin: 'after-erasure',
        },
        at.toISOString(),
      );
    }
  }
  audit(
    db,
    {
      actor: auditActor(session),
      action: 'consent.record',
      entity: 'customer',
      ...(customerIds.length === 1 ? { recordId: String(customerIds[0]) } : {}),
      outcome: 'ok',
      fields: ['consent'],
      reason: `after erasure: purposes=${consent.purposes.join(',')} event=granted`,
      customerIds: [...customerIds],
    },
    at,
  );
}
