import type { Db } from '../db/open-database';
import { isSwitchableField } from '../../../shared/customer-fields';
import { eraseFieldValues, isFieldOn, writeFieldOn } from '../settings/customer-fields';
import { countActiveOwners } from '../users/user-repository';
import { adoptLedgerSecret, insertLedgerEntry, ledgerEntryIds, listLedgerEntries, markSuperseded, personHmacs, readLedgerSecret, type LedgerEntry } from './ledger-repository';

/**
 * The erasure stream's function (branch erasure: eraseCustomer), injected so this file does not
 * depend on it: erases or anonymises the customer inside the caller's transaction, idempotently.
 */
export type EraseAgain = (db: Db, customerId: number, mode: 'anonymise' | 'delete', at: Date) => void;

/** What a restore found outside the restored copy: the live vault's ledger and/or the side file's. */
export interface LedgerSource {
  secret: Buffer | null;
  entries: LedgerEntry[];
}

export interface ReapplyResult {
  /** Decisions carried out again on the restored copy. */
  reapplied: number;
  /** Entries newer than the backup that needed no change (already so in the restored copy). */
  alreadyInEffect: number;
  /** Not applied because it would leave no active owner, or (erasures) no erase function is wired. */
  heldBack: number;
}

/** A user whose password hash is this cannot sign in until the owner resets the password again. */
export const RESET_AGAIN_HASH = '!reset-again-after-restore';

/**
 * After a restore: every entry the sources have and the restored vault lacks (the decisions made
 * after the backup) is written into the vault's ledger and carried out again; entries it already
 * has were taken before the backup, together with their decision. Run inside one transaction,
 * before anyone can sign in. Running it twice changes nothing the second time (the entries are
 * then in the vault), and each step checks the row's state first.
 */
export function reapplyLedger(db: Db, source: LedgerSource, erase: EraseAgain | undefined, at: Date): ReapplyResult {
  const result: ReapplyResult = { reapplied: 0, alreadyInEffect: 0, heldBack: 0 };
  if (source.secret) adoptLedgerSecret(db, source.secret);
  const secret = readLedgerSecret(db);
  const present = ledgerEntryIds(db);
  const known = new Map(listLedgerEntries(db).map((e) => [e.id, e]));
  for (const entry of [...source.entries].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))) {
    if (present.has(entry.id)) {
      if (entry.supersededAt && !known.get(entry.id)?.supersededAt) markSuperseded(db, entry.id, entry.supersededAt, entry.supersededBy);
      continue;
    }
    insertLedgerEntry(db, entry);
    present.add(entry.id);
    // An account decision given back later (enabled, promoted again) stays undone; an erasure
    // with a new consent still applies to the record it erased (the new consent made a new record).
    if (entry.kind !== 'erase' && entry.supersededAt) continue;
    const outcome = entry.kind === 'erase' ? eraseEntry(db, entry, secret, erase, at) : entry.kind === 'field.erase' ? fieldEntry(db, entry, at) : accountEntry(db, entry);
    if (outcome === 'applied') result.reapplied += 1;
    else if (outcome === 'in-effect') result.alreadyInEffect += 1;
    else result.heldBack += 1;
  }
  return result;
}

type Outcome = 'applied' | 'in-effect' | 'held-back';

function accountEntry(db: Db, entry: LedgerEntry): Outcome {
  const user = db.prepare('SELECT id, role, status, password_hash AS hash FROM users WHERE id = ?').get(entry.userId) as
    | { id: number; role: string; status: string; hash: string }
    | undefined;
  if (!user) return 'in-effect'; // created after the backup: the restore took the account away already
  const loneOwner = user.role === 'owner' && user.status === 'active' && countActiveOwners(db) <= 1;
  if (entry.kind === 'user.disable') {
    if (user.status === 'disabled') return 'in-effect';
    if (loneOwner) return 'held-back';
    db.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").run(user.id);
    return 'applied';
  }
  if (entry.kind === 'user.role') {
    if (user.role === entry.role) return 'in-effect';
    if (loneOwner) return 'held-back';
    db.prepare('UPDATE users SET role = ? WHERE id = ?').run(entry.role, user.id);
    return 'applied';
  }
  // user.password: the restored copy holds the password that was reset (forgotten, or known to
  // someone it should not be). The new one is not in the ledger (no secrets in it), so the old one
  // stops working and the owner resets it again; a lone owner keeps theirs, or nobody could sign in.
  if (user.hash === RESET_AGAIN_HASH) return 'in-effect';
  if (loneOwner) return 'held-back';
  db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(RESET_AGAIN_HASH, entry.at, user.id);
  return 'applied';
}

/**
 * A field whose values were erased across all customers after the backup: the restored copy
 * holds them again (in records, merge snapshots and import before-images), so they go again and
 * the field is off again, as the owner left it when erasing. The owner may switch it on later.
 */
function fieldEntry(db: Db, entry: LedgerEntry, at: Date): Outcome {
  const field = entry.field ?? '';
  if (!isSwitchableField(field)) return 'held-back'; // a field this version does not know
  const wasOn = isFieldOn(db, field);
  const erased = eraseFieldValues(db, field);
  writeFieldOn(db, field, false, at.toISOString());
  return erased.length > 0 || wasOn ? 'applied' : 'in-effect';
}

function eraseEntry(db: Db, entry: LedgerEntry, secret: Buffer | null, erase: EraseAgain | undefined, at: Date): Outcome {
  if (!secret || entry.customerId === null || entry.mode === null) return 'held-back';
  if (!erasedPersonPresent(db, entry, secret)) return 'in-effect';
  if (!erase) return 'held-back';
  erase(db, entry.customerId, entry.mode, at);
  return 'applied';
}

/**
 * The record the entry named is still there as that person: same original id, and its name,
 * mobile or e-mail hashes like the entry's (an anonymised record no longer does).
 */
export function erasedPersonPresent(db: Db, entry: LedgerEntry, secret: Buffer): boolean {
  const row = db.prepare('SELECT name, mobile, email FROM customers WHERE id = ?').get(entry.customerId) as { name: string; mobile: string | null; email: string | null } | undefined;
  if (!row) return false;
  const now = personHmacs(secret, row);
  return (
    (entry.nameHmac !== null && now.nameHmac === entry.nameHmac) ||
    (entry.mobileHmac !== null && now.mobileHmac === entry.mobileHmac) ||
    (entry.emailHmac !== null && now.emailHmac === entry.emailHmac)
  );
}
