import fs from 'node:fs';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import type { LEDGER_SOURCES } from '../../../shared/ledger';
import type { AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { readBackupFolder } from '../settings/backup-folder';
import type { VaultService } from '../vault/vault-service';
import { reapplyLedger, type EraseAgain, type LedgerSource, type ReapplyResult } from './ledger-reapply';
import { watchLedgerWrites } from './ledger-record';
import { listLedgerEntries, readLedgerSecret } from './ledger-repository';
import { decodeSideFile, encodeSideFile, folderSideFile, readIfPresent, SIDE_FILE, sideFileHeader, writeFileAtomic } from './ledger-side-file';

/**
 * 'ok': read and authenticated; 'missing': no side file anywhere it is looked for; 'tampered': it
 * failed authentication (moved aside, kept as evidence); 'other-key': written under a database
 * key this restore does not hold (a key change since), so it could not be checked.
 */
export type SideFileState = 'ok' | 'missing' | 'tampered' | 'other-key';

/**
 * Where the re-applied entries came from: the live vault (in place, with the side file's), the
 * side file, the newest backup in the backup folder(s) newer than the one restored (a new computer
 * without a usable side file: restore-ledger-fallback.ts), or nowhere (decisions made after the
 * backup may be undone).
 */
export type LedgerOrigin = (typeof LEDGER_SOURCES)[number];

export interface LedgerRestoreOutcome extends ReapplyResult {
  sideFile: SideFileState;
  ledgerSource: LedgerOrigin;
  /** 'newest-backup': when that backup was made (its authenticated manifest); null otherwise. */
  ledgerSourceAt: string | null;
}

export interface FoundSideFile {
  source: LedgerSource;
  state: SideFileState;
  /** The file that failed authentication: set aside once the restore goes ahead (setAside). */
  file?: string | undefined;
  /** The owner chose to restore despite a tampered side file (new computer). */
  acknowledged?: boolean | undefined;
  /** Set when `source` is not the side file's: the live vault's ledger, or a newer backup's (with its date). */
  origin?: { kind: 'live-vault' } | { kind: 'newest-backup'; createdAt: string } | undefined;
}

/** What the outcome and the audit row say about the source (no personal data: a kind and a date). */
export function ledgerOrigin(found: FoundSideFile): { ledgerSource: LedgerOrigin; ledgerSourceAt: string | null } {
  if (found.origin?.kind === 'newest-backup') return { ledgerSource: 'newest-backup', ledgerSourceAt: found.origin.createdAt };
  if (found.origin?.kind === 'live-vault') return { ledgerSource: 'live-vault', ledgerSourceAt: null };
  return { ledgerSource: found.state === 'ok' ? 'side-file' : 'none', ledgerSourceAt: null };
}

/** No restore ran with a ledger (tests, the CLI): nothing was re-applied and nothing was found. */
export const NO_LEDGER: LedgerRestoreOutcome = { reapplied: 0, alreadyInEffect: 0, heldBack: 0, sideFile: 'missing', ledgerSource: 'none', ledgerSourceAt: null };

/** Keeps a side file that failed authentication as evidence, and out of the way of the next write. */
export function setAside(found: FoundSideFile, now: Date): void {
  if (found.state === 'tampered' && found.file) fs.renameSync(found.file, `${found.file}.tampered-${now.toISOString().replace(/[-:.]/g, '')}`);
}

const EMPTY: LedgerSource = { secret: null, entries: [] };

/**
 * Reads the first side file that exists among `files` with `keyFor(keyId)` (the database key the
 * restore holds for that key id, or null). Reads only: a tampered file is left where it is.
 */
export async function readSideFile(files: string[], vaultId: string, keyFor: (keyId: string) => Promise<Uint8Array | null>): Promise<FoundSideFile> {
  for (const file of files) {
    const bytes = readIfPresent(file);
    if (!bytes) continue;
    const header = sideFileHeader(bytes);
    if (header && header.vaultId !== vaultId) continue; // another vault's file in a shared folder
    const key = header ? await keyFor(header.keyId) : null;
    if (header && !key) return { source: EMPTY, state: 'other-key' };
    try {
      const { body } = decodeSideFile(bytes, key ?? Buffer.alloc(32));
      return { source: { secret: Buffer.from(body.secret, 'base64'), entries: body.entries }, state: 'ok' };
    } catch (error) {
      if (!(error instanceof CofferError && error.code === 'LEDGER_TAMPERED')) throw error;
      return { source: EMPTY, state: 'tampered', file };
    }
  }
  return { source: EMPTY, state: 'missing' };
}

/** Both sources together: the live vault's ledger and the side file's (by entry id). */
export function unionSources(a: LedgerSource, b: LedgerSource): LedgerSource {
  const byId = new Map(a.entries.map((e) => [e.id, e]));
  for (const entry of b.entries) {
    const seen = byId.get(entry.id);
    if (!seen || (!seen.supersededAt && entry.supersededAt)) byId.set(entry.id, entry);
  }
  return { secret: a.secret ?? b.secret, entries: [...byId.values()] };
}

/**
 * The decision ledger around the vault: writes the side file after every ledger write (both
 * places), and after a restore re-applies what the restored copy lacks and audits how many.
 */
export function createDecisionLedger(deps: { vault: VaultService; profileDir: string; audit: (db: Db, entry: AuditEntry, at: Date) => unknown; now: () => number; erase?: EraseAgain | undefined }) {
  const now = () => new Date(deps.now());
  let scheduled: Promise<void> | null = null;

  function sideFiles(vaultId: string, db: Db): string[] {
    const folder = readBackupFolder(db);
    return [path.join(deps.profileDir, SIDE_FILE), ...(folder ? [path.join(folder, folderSideFile(vaultId))] : [])];
  }

  /** Writes the side file from the vault's ledger. Never throws: a failed write is retried by the next one. */
  function sync(): void {
    if (deps.vault.state() !== 'unlocked') return;
    const db = deps.vault.db();
    const secret = readLedgerSecret(db);
    if (!secret) return; // no entry yet
    let material;
    try {
      material = deps.vault.backupMaterial();
    } catch {
      return; // a key change is under way: the next ledger write (or open) writes the file
    }
    try {
      const bytes = encodeSideFile({ format: 1, vaultId: material.vaultId, keyId: material.keyId }, { secret: secret.toString('base64'), entries: listLedgerEntries(db) }, material.key);
      for (const file of sideFiles(material.vaultId, db)) {
        try {
          writeFileAtomic(file, bytes);
        } catch {
          // The backup folder unplugged or full: the file next to the vault is written; the copy follows the next write.
        }
      }
    } finally {
      material.key.fill(0);
    }
  }

  function scheduleSync(): void {
    // Called inside the decision's transaction: the file is written once it has committed.
    scheduled ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        scheduled = null;
        try {
          sync();
        } finally {
          resolve();
        }
      }),
    );
  }

  return {
    /** Main calls this whenever the vault opens (setup, unlock, restore): this database's writes sync the file. */
    attach(): void {
      if (deps.vault.state() !== 'unlocked') return;
      watchLedgerWrites(deps.vault.db(), scheduleSync);
      scheduleSync();
    },

    sync,

    /** Resolves once a scheduled side-file write has run (tests; quitting). */
    settled: async (): Promise<void> => {
      await scheduled;
    },

    /** Before a restore in place: the live vault's ledger and the side file, read while both are at hand. */
    async captureLive(): Promise<FoundSideFile> {
      const db = deps.vault.db();
      const material = deps.vault.backupMaterial();
      try {
          const live: LedgerSource = { secret: readLedgerSecret(db), entries: listLedgerEntries(db) };
        const found = await readSideFile(sideFiles(material.vaultId, db), material.vaultId, async (keyId) => (keyId === material.keyId ? material.key : null));
        // In place, the live vault's own ledger is complete and authenticated by SQLCipher, so a
        // tampered side file loses nothing: the restore goes ahead, with the warning and audit row.
        return { ...found, source: unionSources(live, found.source), origin: { kind: 'live-vault' } };
      } finally {
        material.key.fill(0);
      }
    },

    /**
     * Right after the restored database is in place, before the restore returns (so before anyone
     * can sign in): re-apply, and audit the count and the side file's state in one transaction.
     */
    applyAfterRestore(found: FoundSideFile, actor: AuditEntry['actor']): LedgerRestoreOutcome {
      const db = deps.vault.db();
      const at = now();
      setAside(found, at);
      const origin = ledgerOrigin(found);
      const result = db.transaction(() => {
        const done = reapplyLedger(db, found.source, deps.erase, at);
        if (found.state !== 'ok') deps.audit(db, { actor, action: 'ledger.sideFile', outcome: 'failed', reason: found.acknowledged ? `${found.state}; restored anyway, acknowledged` : found.state }, at);
        deps.audit(db, { actor, action: 'ledger.reapply', outcome: 'ok', reason: `${done.reapplied} re-applied; ${done.alreadyInEffect} already in effect; ${done.heldBack} held back; side file ${found.state}${originNote(origin)}` }, at);
        return done;
      })();
      watchLedgerWrites(db, scheduleSync);
      sync();
      return { ...result, sideFile: found.state, ...origin };
    },
  };
}

export type DecisionLedger = ReturnType<typeof createDecisionLedger>;

/** The audit row's words for a source other than the live vault or the side file (a date, never a path). */
function originNote(origin: ReturnType<typeof ledgerOrigin>): string {
  if (origin.ledgerSource === 'newest-backup') return `; read from the newest backup, made ${origin.ledgerSourceAt}`;
  if (origin.ledgerSource === 'none') return '; no newer backup could be read either: people erased and users disabled after this backup may be back';
  return '';
}
