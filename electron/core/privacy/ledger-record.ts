import type { Role } from '../../../shared/contract';
import type { Db } from '../db/open-database';
import type { ErasureSubject } from './erasure-hooks';
import { insertLedgerEntry, ledgerSecret, newEntryId, personHmacs, supersedeAccountEntries, type LedgerEntry } from './ledger-repository';

/**
 * Writing the ledger happens inside the decision's own transaction (so the decision and its entry
 * commit together); the side file is written after the commit by whoever watches that database
 * (ledger-service.ts), told here. Keyed by the database so that two vaults open in one process
 * (tests; a restore on a new computer) never write each other's side file.
 */
const watchers = new WeakMap<Db, () => void>();

export function watchLedgerWrites(db: Db, onWritten: () => void): void {
  watchers.set(db, onWritten);
}

function written(db: Db): void {
  watchers.get(db)?.();
}

/** Any other change to the ledger (a superseded mark) also rewrites the side file. */
export const watchedWrite = written;

/** The BEFORE_ERASE hook (erasure-hooks.ts): hashes and ids only, before any row is touched. */
export function recordErasure(db: Db, subject: ErasureSubject, at: Date): void {
  const hmacs = personHmacs(ledgerSecret(db), subject);
  // Re-applied after a restore, the entry is already there (reapplyLedger writes it first): one entry per decision.
  const same = db
    .prepare("SELECT 1 FROM decision_ledger WHERE kind = 'erase' AND customer_id = ? AND mode = ? AND name_hmac IS ? AND mobile_hmac IS ? AND email_hmac IS ?")
    .get(subject.customerId, subject.mode, hmacs.nameHmac, hmacs.mobileHmac, hmacs.emailHmac);
  if (same) return;
  insertLedgerEntry(db, {
    id: newEntryId(),
    kind: 'erase',
    at: at.toISOString(),
    customerId: subject.customerId,
    mode: subject.mode,
    ...hmacs,
    userId: null,
    role: null,
    supersededAt: null,
    supersededBy: null,
  });
  written(db);
}

const RANK: Record<Role, number> = { owner: 3, manager: 2, sales: 1, support: 1, auditor: 1 };

/**
 * A role change is a decision to keep when it takes rights away: down the ladder, or sideways
 * between sales, support and auditor (each has rights the others lack). A promotion is not kept:
 * a restore that undoes one fails safe.
 */
export function roleLowered(from: Role, to: Role): boolean {
  return from !== to && RANK[to] <= RANK[from];
}

export function recordAccountDecision(db: Db, decision: { kind: 'user.disable' | 'user.password' } | { kind: 'user.role'; role: Role }, userId: number, at: Date): void {
  ledgerSecret(db); // the secret exists from the first entry on, so a side file always carries it
  insertLedgerEntry(db, {
    id: newEntryId(),
    kind: decision.kind,
    at: at.toISOString(),
    customerId: null,
    mode: null,
    nameHmac: null,
    mobileHmac: null,
    emailHmac: null,
    userId,
    role: decision.kind === 'user.role' ? decision.role : null,
    supersededAt: null,
    supersededBy: null,
  });
  written(db);
}

/** The user enabled again, or given a role at least as high again: the older entries stop applying. */
export function recordAccountRestored(db: Db, change: { kind: 'user.enable' } | { kind: 'user.role'; from: Role; to: Role }, userId: number, by: number, at: Date): void {
  const kinds: LedgerEntry['kind'][] = change.kind === 'user.enable' ? ['user.disable'] : roleLowered(change.from, change.to) ? [] : ['user.role'];
  if (kinds.length && supersedeAccountEntries(db, userId, kinds, at.toISOString(), by) > 0) written(db);
}

/**
 * A switched-off field's stored values erased across all customers (issue 16 minimisation): the
 * field's name and the time, nothing else (no value, no customer). Written in the erasure's own
 * transaction before any value goes, so a restore of an older backup erases the field again.
 */
export function recordFieldErasure(db: Db, field: string, at: Date): void {
  ledgerSecret(db); // the secret exists from the first entry on, so a side file always carries it
  insertLedgerEntry(db, {
    id: newEntryId(),
    kind: 'field.erase',
    at: at.toISOString(),
    customerId: null,
    mode: null,
    nameHmac: null,
    mobileHmac: null,
    emailHmac: null,
    userId: null,
    role: null,
    supersededAt: null,
    supersededBy: null,
    field,
  });
  written(db);
}
