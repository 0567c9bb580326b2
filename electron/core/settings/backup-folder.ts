import fs from 'node:fs';
import { CofferError } from '../../../shared/errors';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';

/** Asks the person for a folder. Main shows the OS dialog; tests stand in for the person. */
export type PickFolder = () => Promise<string | null>;

const KEY = 'backup.folder';

export function readBackupFolder(db: Db): string | null {
  return getMeta(db, KEY) ?? null;
}

/**
 * Lets the owner pick where backups go. Cancelling keeps the previous choice. The folder must
 * exist and accept a file now; whether it is on another disk is judged by the backup feature.
 */
export async function chooseBackupFolder(db: () => Db, pickFolder: PickFolder): Promise<string | null> {
  const picked = await pickFolder();
  if (picked === null) return readBackupFolder(db());
  try {
    if (!fs.statSync(picked).isDirectory()) throw new Error('not a directory');
    fs.accessSync(picked, fs.constants.W_OK);
  } catch {
    throw new CofferError('STORAGE_UNAVAILABLE', 'Coffer cannot write to that folder. Choose a folder you can write to, or plug the disk in and try again.');
  }
  setMeta(db(), KEY, picked);
  return picked;
}
