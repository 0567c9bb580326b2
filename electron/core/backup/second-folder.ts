import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { BackupStatus } from '../../../shared/backup';
import { CofferError } from '../../../shared/errors';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { folderRef, readBackupFolder, type FolderChoiceAudit, type PickFolder } from '../settings/backup-folder';
import { nodePublishFs, publishAs, type PublishFs } from './publish';
import { objectiveMs, type BackupSchedule } from './schedule';

/**
 * The optional second backup folder (a USB disk and a NAS, say): after each successful backup the
 * same encrypted file is copied there too, atomically. The copy has its own status; a second
 * folder that is unplugged or full never fails the backup itself, which is already safe.
 */
const KEY = 'backup.secondFolder';
const COPY = 'backup.secondFolder.copy';

interface CopyRecord {
  /** The newest copy that arrived whole. */
  lastCopyAt: string | null;
  /** The newest attempt's error code, null when it worked. */
  errorCode: string | null;
}

export function readSecondFolder(db: Db): string | null {
  return getMeta(db, KEY) || null;
}

function readCopy(db: Db): CopyRecord {
  try {
    const parsed = JSON.parse(getMeta(db, COPY) ?? 'null') as Partial<CopyRecord> | null;
    return { lastCopyAt: typeof parsed?.lastCopyAt === 'string' ? parsed.lastCopyAt : null, errorCode: typeof parsed?.errorCode === 'string' ? parsed.errorCode : null };
  } catch {
    return { lastCopyAt: null, errorCode: null };
  }
}

/** The outcome of one copy, kept for the status (only while that folder is still the chosen one). */
export function recordCopy(db: Db, folder: string, at: Date, errorCode: string | null): void {
  if (readSecondFolder(db) !== folder) return;
  const before = readCopy(db);
  setMeta(db, COPY, JSON.stringify({ lastCopyAt: errorCode === null ? at.toISOString() : before.lastCopyAt, errorCode }));
}

/**
 * The same flow as chooseBackupFolder (backup-folder.ts): cancelling keeps the choice, the folder
 * must exist and be writable now, a refusal is audited as failed, a change commits with its row.
 * Also refused: the first backup folder itself (one disk again), and the profile folder.
 */
export async function chooseSecondBackupFolder(db: () => Db, pickFolder: PickFolder, who: FolderChoiceAudit, profileDir: string): Promise<string | null> {
  const picked = await pickFolder();
  if (picked === null) return readSecondFolder(db());
  const entry = { actor: who.actor, action: 'settings.change' as const, fields: ['secondBackupFolder'] };
  const primary = readBackupFolder(db());
  const same = (a: string, b: string) => path.resolve(a) === path.resolve(b);
  const inside = (dir: string, parent: string) => !path.relative(parent, dir).startsWith('..') && !path.isAbsolute(path.relative(parent, dir));
  if ((primary !== null && same(picked, primary)) || inside(picked, profileDir)) {
    who.audit(db(), { ...entry, outcome: 'failed', reason: 'second backup folder is the backup folder or the profile' }, who.now());
    throw new CofferError('INVALID_INPUT', 'Choose a folder on another disk than the first backup folder: a second copy in the same place does not protect anything more.');
  }
  try {
    if (!fs.statSync(picked).isDirectory()) throw new Error('not a directory');
    fs.accessSync(picked, fs.constants.W_OK);
  } catch {
    who.audit(db(), { ...entry, outcome: 'failed', reason: 'second backup folder not writable' }, who.now());
    throw new CofferError('STORAGE_UNAVAILABLE', 'Coffer cannot write to that folder. Choose a folder you can write to, or plug the disk in and try again.');
  }
  const vault = db();
  vault.transaction(() => {
    const before = readSecondFolder(vault);
    setMeta(vault, KEY, picked);
    // A new folder starts without a copy: its status is "waiting for the next backup".
    if (before !== picked) setMeta(vault, COPY, JSON.stringify({ lastCopyAt: null, errorCode: null }));
    who.audit(vault, { ...entry, outcome: 'ok', reason: `second backup folder ${before === null ? 'none' : folderRef(vault, before)} -> ${folderRef(vault, picked)}` }, who.now());
  })();
  return picked;
}

/** Stops copying to the second folder; the copies already there stay (they are the owner's). */
export function removeSecondFolder(db: Db, who: FolderChoiceAudit): boolean {
  const before = readSecondFolder(db);
  if (before === null) return false;
  db.transaction(() => {
    setMeta(db, KEY, '');
    setMeta(db, COPY, JSON.stringify({ lastCopyAt: null, errorCode: null }));
    who.audit(db, { actor: who.actor, action: 'settings.change', outcome: 'ok', fields: ['secondBackupFolder'], reason: `second backup folder ${folderRef(db, before)} -> none` }, who.now());
  })();
  return true;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies a finished backup into the second folder under the same name, as publishBackup writes
 * the first: `.partial`, read back against the original, fsync, rename without replacing, fsync
 * the folder. Throws the same CofferErrors as a failing first folder (STORAGE_FULL, ...).
 */
export async function copyToSecondFolder(source: string, dir: string, fsOps: PublishFs = nodePublishFs): Promise<string> {
  return publishAs(
    dir,
    path.basename(source),
    async (partial) => {
      await fsp.copyFile(source, partial, fs.constants.COPYFILE_EXCL);
      if ((await sha256(partial)) !== (await sha256(source))) {
        throw new CofferError('BACKUP_CORRUPT', 'The copy in the second backup folder did not read back as written, so it was not kept: that disk may be failing.');
      }
    },
    fsOps,
  );
}

/**
 * The second folder's line in backup.status: a label (the folder's own name, not its path, which
 * usually holds the account's name), the newest copy, and ok / unavailable (the newest attempt
 * failed) / stale (no copy within the same objective as the first folder) / waiting (none yet).
 */
export function secondFolderStatus(db: Db, schedule: BackupSchedule, at: Date): BackupStatus['secondFolder'] {
  const folder = readSecondFolder(db);
  if (folder === null) return null;
  const copy = readCopy(db);
  const stale = copy.lastCopyAt !== null && at.getTime() - Date.parse(copy.lastCopyAt) > objectiveMs(schedule);
  const state = copy.errorCode !== null ? 'unavailable' : copy.lastCopyAt === null ? 'waiting' : stale ? 'stale' : 'ok';
  return { label: path.basename(path.resolve(folder)) || folder, lastCopyAt: copy.lastCopyAt, state, errorCode: copy.errorCode };
}
