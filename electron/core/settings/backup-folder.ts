import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { CofferError } from '../../../shared/errors';
import type { AuditEntry } from '../audit/audit-log';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';

/** Asks the person for a folder. Main shows the OS dialog; tests stand in for the person. */
export type PickFolder = () => Promise<string | null>;

const KEY = 'backup.folder';
const REF_SALT = 'audit.folderRefSalt';

export function readBackupFolder(db: Db): string | null {
  return getMeta(db, KEY) ?? null;
}

/** Who chose, and where their choice is recorded (appendAudit). */
export interface FolderChoiceAudit {
  actor: AuditEntry['actor'];
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now: () => Date;
}

/**
 * A short, stable reference to a folder for the audit log. A path usually holds the account's
 * name (C:\Users\wang.wei\...), so it is never logged; a plain hash of it could be reversed by
 * guessing names, hence an HMAC under a random per-vault salt. The owner can still tell whether
 * two log rows name the same folder, and compare with the current one (folderRef again).
 */
export function folderRef(db: Db, folder: string): string {
  let salt = getMeta(db, REF_SALT);
  if (!salt) {
    salt = randomBytes(32).toString('hex');
    setMeta(db, REF_SALT, salt);
  }
  return createHmac('sha256', Buffer.from(salt, 'hex')).update(folder, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Lets the owner pick where backups go. Cancelling keeps the previous choice (and is not a
 * change, so it is not recorded). The folder must exist and accept a file now; whether it is on
 * another disk is judged by the backup feature. A change and its audit row commit together; a
 * refused folder is recorded as a failed change.
 */
export async function chooseBackupFolder(db: () => Db, pickFolder: PickFolder, who: FolderChoiceAudit): Promise<string | null> {
  const picked = await pickFolder();
  if (picked === null) return readBackupFolder(db());
  const entry = { actor: who.actor, action: 'settings.change' as const, fields: ['backupFolder'] };
  try {
    if (!fs.statSync(picked).isDirectory()) throw new Error('not a directory');
    fs.accessSync(picked, fs.constants.W_OK);
  } catch {
    who.audit(db(), { ...entry, outcome: 'failed', reason: 'backup folder not writable' }, who.now());
    throw new CofferError('STORAGE_UNAVAILABLE', 'Coffer cannot write to that folder. Choose a folder you can write to, or plug the disk in and try again.');
  }
  const vault = db();
  vault.transaction(() => {
    const before = readBackupFolder(vault);
    setMeta(vault, KEY, picked);
    who.audit(vault, { ...entry, outcome: 'ok', reason: `backup folder ${before === null ? 'none' : folderRef(vault, before)} -> ${folderRef(vault, picked)}` }, who.now());
  })();
  return picked;
}
