import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database';
import { emailKey, nameKey, phoneKey } from '../customers/duplicate-keys';

/** What the ledger keeps (migrations 032, 038): ids, kinds, hashes, field names and times; never a name, a number or a value. */
export interface LedgerEntry {
  id: string;
  kind: 'erase' | 'user.disable' | 'user.role' | 'user.password' | 'field.erase';
  at: string;
  customerId: number | null;
  mode: 'anonymise' | 'delete' | null;
  nameHmac: string | null;
  mobileHmac: string | null;
  emailHmac: string | null;
  userId: number | null;
  role: string | null;
  supersededAt: string | null;
  supersededBy: number | null;
  /** field.erase: the customer field whose stored values were erased (migration 038). */
  field?: string | null;
}

const COLUMNS = `id, kind, at, customer_id AS customerId, mode, name_hmac AS nameHmac, mobile_hmac AS mobileHmac,
  email_hmac AS emailHmac, user_id AS userId, role, superseded_at AS supersededAt, superseded_by AS supersededBy, field`;

/** The vault's ledger secret, made once on first use. It never leaves the vault (and its backups, and the encrypted side file). */
export function ledgerSecret(db: Db): Buffer {
  const row = db.prepare('SELECT secret FROM decision_ledger_secret WHERE id = 1').get() as { secret: Buffer } | undefined;
  if (row) return row.secret;
  const secret = randomBytes(32);
  db.prepare('INSERT INTO decision_ledger_secret (id, secret) VALUES (1, ?)').run(secret);
  return secret;
}

export function readLedgerSecret(db: Db): Buffer | null {
  return (db.prepare('SELECT secret FROM decision_ledger_secret WHERE id = 1').get() as { secret: Buffer } | undefined)?.secret ?? null;
}

/** A vault restored from before its first ledger entry has no secret yet: it takes the side file's. */
export function adoptLedgerSecret(db: Db, secret: Buffer): void {
  db.prepare('INSERT OR IGNORE INTO decision_ledger_secret (id, secret) VALUES (1, ?)').run(secret);
}

/**
 * The keyed hashes of a person's identifiers, each normalised the way duplicate detection does
 * (duplicate-keys.ts: E.164 mobile, lower-case e-mail, name without spaces and dots), so
 * "+86 138 0013 8000" and "13800138000" hash alike. The domain prefix keeps a name that looks like
 * an e-mail from hashing like one.
 */
export function personHmacs(secret: Buffer, person: { name?: string | null; mobile?: string | null; email?: string | null }) {
  const mac = (domain: string, value: string | null) => (value === null ? null : createHmac('sha256', secret).update(`${domain}\u0000${value}`).digest('hex'));
  return { nameHmac: mac('name', nameKey(person.name)), mobileHmac: mac('mobile', phoneKey(person.mobile)), emailHmac: mac('email', emailKey(person.email)) };
}

export function newEntryId(): string {
  return randomBytes(16).toString('hex');
}

export function insertLedgerEntry(db: Db, entry: LedgerEntry): void {
  db.prepare(
    `INSERT OR IGNORE INTO decision_ledger (id, kind, at, customer_id, mode, name_hmac, mobile_hmac, email_hmac, user_id, role, superseded_at, superseded_by, field)
     VALUES (@id, @kind, @at, @customerId, @mode, @nameHmac, @mobileHmac, @emailHmac, @userId, @role, @supersededAt, @supersededBy, @field)`,
  ).run({ ...entry, field: entry.field ?? null }); // a side file written before migration 038 has no field
}

export function listLedgerEntries(db: Db): LedgerEntry[] {
  return db.prepare(`SELECT ${COLUMNS} FROM decision_ledger ORDER BY at, id`).all() as LedgerEntry[];
}

export function ledgerEntryIds(db: Db): Set<string> {
  return new Set((db.prepare('SELECT id FROM decision_ledger').pluck().all() as string[]));
}

/** A superseded mark that the side file has and this copy lacks (a new consent recorded after the backup). */
export function markSuperseded(db: Db, id: string, at: string, by: number | null): number {
  return db.prepare('UPDATE decision_ledger SET superseded_at = ?, superseded_by = ? WHERE id = ? AND superseded_at IS NULL').run(at, by, id).changes;
}

/**
 * Erasure entries that still refuse this person: matched on the mobile or the e-mail only. A name
 * alone never matches: two-character Chinese names (王伟) are shared by many people, and refusing
 * a stranger's record for it would be wrong; the name hash serves re-applying an erasure to the
 * record it named.
 */
export function blockingErasures(db: Db, hmacs: { mobileHmac: string | null; emailHmac: string | null }): LedgerEntry[] {
  if (!hmacs.mobileHmac && !hmacs.emailHmac) return [];
  return db
    .prepare(`SELECT ${COLUMNS} FROM decision_ledger WHERE kind = 'erase' AND superseded_at IS NULL AND (mobile_hmac = ? OR email_hmac = ?) ORDER BY at`)
    .all(hmacs.mobileHmac ?? '', hmacs.emailHmac ?? '') as LedgerEntry[];
}

/**
 * A later decision that gives back what an entry took (the user enabled again, promoted again)
 * supersedes it, so a restore does not take it away a second time.
 */
export function supersedeAccountEntries(db: Db, userId: number, kinds: LedgerEntry['kind'][], at: string, by: number): number {
  const marks = kinds.map(() => '?').join(', ');
  return db.prepare(`UPDATE decision_ledger SET superseded_at = ?, superseded_by = ? WHERE user_id = ? AND kind IN (${marks}) AND superseded_at IS NULL`).run(at, by, userId, ...kinds).changes;
}

/** The ledger as the drill worker receives it (ledger-drill.ts): JSON-plain. */
export function liveLedger(db: Db): { secret: string | null; entries: LedgerEntry[] } {
  return { secret: readLedgerSecret(db)?.toString('base64') ?? null, entries: listLedgerEntries(db) };
}
