import type { NewConsent } from '../../../shared/ledger';
import { CofferError } from '../../../shared/errors';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { checkNewConsent } from './consent-after-erasure';
import { watchedWrite } from './ledger-record';
import { blockingErasures, markSuperseded, personHmacs, readLedgerSecret } from './ledger-repository';

type Person = { name?: string | null | undefined; mobile?: string | null | undefined; phone?: string | null | undefined; email?: string | null | undefined };

/** Erasure entries that refuse this person (mobile, phone or e-mail on the ledger; see blockingErasures). */
export function erasedEntriesFor(db: Db, person: Person): string[] {
  const secret = readLedgerSecret(db);
  if (!secret) return [];
  const ids = new Set<string>();
  for (const mobile of [person.mobile, person.phone]) {
    const hmacs = personHmacs(secret, { mobile: mobile ?? null, email: person.email ?? null });
    for (const entry of blockingErasures(db, hmacs)) ids.add(entry.id);
  }
  return [...ids];
}

export function personErased(): CofferError {
  return new CofferError('PERSON_ERASED', 'This person was erased at their request; a new consent is needed. Only the owner can record one.', { mobile: 'erased' });
}

/**
 * The customer form and the importer: a person on the ledger is refused unless the owner records a
 * new consent, which supersedes the entries (audited, counts only). Runs inside the create's
 * transaction, so a refused create writes nothing. True when the new consent let the person in:
 * the caller then records it in the new customer's consent history (recordNewConsent).
 */
export function checkErasedPerson(db: Db, session: Session, person: Person, newConsent: NewConsent | undefined, audit: (db: Db, entry: AuditEntry, at: Date) => unknown, at: Date): boolean {
  const ids = erasedEntriesFor(db, person);
  if (ids.length === 0) return false;
  if (!newConsent) throw personErased();
  supersede(db, session, ids, newConsent, audit, at);
  return true;
}

export function supersede(db: Db, session: Session, ids: string[], newConsent: NewConsent, audit: (db: Db, entry: AuditEntry, at: Date) => unknown, at: Date): void {
  if (session.role !== 'owner') throw new CofferError('FORBIDDEN', 'Only the owner can record a new consent for a person erased at their request.');
  checkNewConsent(db, newConsent);
  for (const id of ids) markSuperseded(db, id, at.toISOString(), session.userId);
  audit(db, { actor: auditActor(session), action: 'ledger.supersede', entity: 'ledger', outcome: 'ok', reason: `new consent (${newConsent.evidenceSource}); ${ids.length} entr${ids.length === 1 ? 'y' : 'ies'} superseded` }, at);
  watchedWrite(db);
}
