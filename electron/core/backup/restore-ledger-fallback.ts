import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open-database';
import { readBackupFolder } from '../settings/backup-folder';
import { deriveRecoveryKeyPair, unwrapKey } from '../vault/key-wrap';
import { listLedgerEntries, readLedgerSecret } from '../privacy/ledger-repository';
import type { LedgerSource } from '../privacy/ledger-reapply';
import { listBackups, type ListedBackup } from './backup-files';
import { readHeader, readManifest, type BackupHeader } from './container';
import { readSecondFolder } from './second-folder';
import { openSnapshot } from './snapshot';

/**
 * A new computer without a usable side file (issue 16): every backup carries the vault's decision
 * ledger, so the newest backup of this vault that is newer than the one restored and opens with
 * the recovery key the owner typed knows every decision up to when it was made. Its SQLCipher copy
 * is decrypted into the restore's scratch folder (the worker, as the drill does), only the two
 * ledger tables are read, and the copy is removed at once, opened or not.
 */
export interface NewerBackupLedger {
  source: LedgerSource;
  /** The backup's authenticated manifest time: what the outcome and the audit row report. */
  createdAt: string;
}

export interface FallbackSearch {
  /** The folders to look in, the chosen backup's first; duplicates and unreachable folders are skipped. */
  folders: string[];
  /** The backup being restored: never its own source. */
  chosen: string;
  vaultId: string;
  /** The restored backup's manifest time: only backups made after it know more. */
  after: string;
  /** The recovery secret the owner typed (the caller zeroes it). */
  recoverySecret: Buffer;
  scratchDir: string;
  nativeBinding: string | undefined;
  /** Decrypts a backup into `dest` (the job runner's extract, off the main thread in the app). */
  extract: (file: string, key: Uint8Array, dest: string) => Promise<unknown>;
}

/** The backup folder and the second folder the restored copy recorded (paths of the old computer, often the same NAS or disk). */
export function recordedFolders(db: Db): string[] {
  return [readBackupFolder(db), readSecondFolder(db)].filter((f): f is string => !!f);
}

export async function ledgerFromNewestBackup(search: FallbackSearch): Promise<NewerBackupLedger | null> {
  const after = Date.parse(search.after);
  if (Number.isNaN(after)) return null;
  // Names carry the time to the second: a backup in the same second as the restored one is a
  // candidate too, and its manifest decides.
  const floor = Math.floor(after / 1000) * 1000;
  const chosen = path.resolve(search.chosen);
  const candidates: ListedBackup[] = [];
  for (const folder of [...new Set(search.folders.map((f) => path.resolve(f)))]) {
    for (const b of await listBackups(folder).catch(() => [])) {
      if (b.kind === 'complete' && b.at && b.at.getTime() >= floor && path.resolve(b.path) !== chosen) candidates.push(b);
    }
  }
  // Newest first; a copy of the same file in the second folder follows it, in case this one is damaged.
  candidates.sort((a, b) => b.at!.getTime() - a.at!.getTime());
  const keyFor = recoveryOpener(search.recoverySecret);
  for (const candidate of candidates) {
    const header = await readHeader(candidate.path).catch(() => null);
    if (header?.vaultId !== search.vaultId) continue; // another vault's backup in a shared folder
    const key = await keyFor(header);
    if (!key) continue; // sealed to another recovery key (a new one made since)
    const dest = path.join(search.scratchDir, `ledger-${randomBytes(6).toString('hex')}.db`);
    try {
      const manifest = await readManifest(candidate.path, key);
      if (Date.parse(manifest.createdAt) <= after) continue;
      await search.extract(candidate.path, key, dest);
      return { source: readLedgerCopy(dest, key, search.nativeBinding), createdAt: manifest.createdAt };
    } catch {
      // Damaged, or changed while read: the next newest may still know the decisions.
    } finally {
      key.fill(0);
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(dest + suffix, { force: true });
    }
  }
  return null;
}

/**
 * Opens headers with the recovery secret, deriving its key pair once per KDF setting (scrypt at
 * 2^17 takes a noticeable moment; a folder of backups shares one setting). A header sealed to
 * another public key is not tried at all.
 */
function recoveryOpener(secret: Buffer): (header: BackupHeader) => Promise<Buffer | null> {
  const pairs = new Map<string, ReturnType<typeof deriveRecoveryKeyPair>>();
  return async (header) => {
    const kdfId = JSON.stringify(header.kdf);
    let pair = pairs.get(kdfId);
    if (!pair) pairs.set(kdfId, (pair = deriveRecoveryKeyPair(secret, header.kdf)));
    const opened = await pair.catch(() => null);
    if (!opened?.publicKey.equals(Buffer.from(header.recoveryPublicKey, 'base64')) || header.wrappedKey.keyId !== header.keyId) return null;
    try {
      const key = unwrapKey(header.wrappedKey, opened, header.vaultId);
      return key.length === 32 ? key : null;
    } catch {
      return null;
    }
  };
}

/** The ledger and its secret, nothing else; a backup from before the ledger existed (migration 032) has none. */
function readLedgerCopy(file: string, key: Uint8Array, nativeBinding: string | undefined): LedgerSource {
  const db = openSnapshot(file, key, nativeBinding);
  try {
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('decision_ledger', 'decision_ledger_secret')").pluck().all() as string[]);
    const secret = tables.has('decision_ledger_secret') ? readLedgerSecret(db) : null;
    return { secret: secret ? Buffer.from(secret) : null, entries: tables.has('decision_ledger') ? listLedgerEntries(db) : [] };
  } finally {
    db.close();
  }
}
