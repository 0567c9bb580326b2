import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import { mapFsError } from '../db/storage-errors';
import { FOLDER_SIDE_FILE_PATTERN } from '../privacy/ledger-side-file';

/**
 * Backup file names, and how a shared backup folder is read back.
 *
 * coffer-<deviceId>-<YYYYMMDDTHHMMSSZ>-<6 random hex>.cofferbak
 *
 * The device id is a random id made once per installation, never a host or account name: the
 * folder is often a shared cloud folder, and file names are the first thing anyone sees. The
 * time is UTC so devices in different time zones sort the same way; the random part keeps two
 * backups in the same second (or two devices cloned from one profile) from colliding.
 */
export const BACKUP_EXTENSION = '.cofferbak';
export const PARTIAL_SUFFIX = '.partial';
export const DEVICE_ID_PATTERN = /^[0-9a-f]{8,32}$/;

/** A full disk has its own code: the scheduler retries it later, and the UI says to free space. */
export const DISK_FULL_CODE = 'STORAGE_FULL' as const;

export type BackupKind = 'complete' | 'partial' | 'conflict' | 'other';

export interface BackupFileInfo {
  kind: BackupKind;
  deviceId?: string;
  at?: Date;
}

export interface ListedBackup extends BackupFileInfo {
  name: string;
  path: string;
  size: number;
  mtime: Date;
}

export function newDeviceId(): string {
  return randomBytes(4).toString('hex');
}

export function assertDeviceId(deviceId: string): void {
  // A programming error, not a user one: the id must never carry a host or person's name.
  if (!DEVICE_ID_PATTERN.test(deviceId)) throw new CofferError('INVALID_INPUT', 'The device id for backups is invalid.');
}

export function backupFileName(deviceId: string, date: Date): string {
  assertDeviceId(deviceId);
  if (Number.isNaN(date.getTime())) throw new CofferError('INVALID_INPUT', 'The backup time is invalid.');
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `coffer-${deviceId}-${stamp}-${randomBytes(3).toString('hex')}${BACKUP_EXTENSION}`;
}

export function partialName(finalName: string): string {
  return finalName + PARTIAL_SUFFIX;
}

const BASE = /^coffer-([0-9a-f]{8,32})-(\d{8}T\d{6}Z)-[0-9a-f]{6}/;
const EXACT = /^coffer-[0-9a-f]{8,32}-\d{8}T\d{6}Z-[0-9a-f]{6}\.cofferbak(\.partial)?$/;

/**
 * What sync tools make when two machines change the same name, applied to the part after the
 * base name. Only these are called 'conflict'; anything else unexpected is 'other'. Neither is
 * ever deleted, so the split only decides what the user is told.
 */
const CONFLICT_MARKERS: readonly RegExp[] = [
  /\([^)]*conflicted copy[^)]*\)/i, // Dropbox, Nextcloud, ownCloud
  /\.sync-conflict-\d{8}-\d{6}/, // Syncthing
  /^-[A-Za-z0-9][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*\.cofferbak/, // OneDrive: "-DESKTOP-AB12CD" before the extension
  / \(\d+\)/, // Windows, macOS and Google Drive duplicates: " (1)"
  /\(conflict\)/i, // Resilio
];

export function classifyBackupFile(name: string): BackupFileInfo {
  const base = BASE.exec(name);
  const at = base ? parseStamp(base[2]!) : null;
  if (!base || !at) return { kind: 'other' };
  const found = { deviceId: base[1]!, at };
  if (EXACT.test(name)) return { kind: name.endsWith(PARTIAL_SUFFIX) ? 'partial' : 'complete', ...found };
  const rest = name.slice(base[0].length);
  if (rest.includes(BACKUP_EXTENSION) && CONFLICT_MARKERS.some((marker) => marker.test(rest))) return { kind: 'conflict', ...found };
  return { kind: 'other' };
}

function parseStamp(stamp: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2024-02-30 over to March; such a name was not made by Coffer.
  const same = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi;
  return same && s < 60 ? date : null;
}

/** Every regular file in the folder, newest first (by the time in the name, else mtime). */
export async function listBackups(dir: string): Promise<ListedBackup[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (error) {
    throw await backupFolderError(error, dir);
  }
  const listed: ListedBackup[] = [];
  for (const name of names) {
    if (FOLDER_SIDE_FILE_PATTERN.test(name)) continue; // the decision ledger's side file (issue 16)
    const file = path.join(dir, name);
    let stat;
    try {
      stat = await fsp.lstat(file);
    } catch (error) {
      // Sync tools move and delete files all the time; one that went away is not listed.
      if ((error as { code?: unknown }).code === 'ENOENT') continue;
      throw await backupFolderError(error, dir);
    }
    if (!stat.isFile()) continue; // folders and symlinks are never ours
    listed.push({ name, path: file, size: stat.size, mtime: stat.mtime, ...classifyBackupFile(name) });
  }
  const time = (b: ListedBackup): number => (b.at ?? b.mtime).getTime();
  return listed.sort((a, b) => time(b) - time(a) || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/**
 * Maps a file system failure in the backup folder to a message a person can act on. The folder
 * path is never included: it usually contains the account name.
 */
export async function backupFolderError(error: unknown, dir: string): Promise<unknown> {
  if (error instanceof CofferError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new CofferError(
        DISK_FULL_CODE,
        'The disk holding the backup folder is full. Nothing was saved and earlier backups were not touched: free some space there or choose another backup folder, then back up again.',
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new CofferError(
        'BACKUP_FOLDER_UNAVAILABLE',
        'Coffer is not allowed to write to the backup folder (it is read-only or not permitted). Nothing was saved: make the folder writable for your account or choose another one, then back up again.',
      );
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ENODEV':
    case 'ENXIO':
      if (!(await isDirectory(dir))) {
        return new CofferError(
          'BACKUP_FOLDER_UNAVAILABLE',
          'The backup folder is no longer there: the disk may be unplugged or the folder moved or renamed. Nothing was saved: reconnect the disk or choose the backup folder again, then back up again.',
        );
      }
      return new CofferError('STORAGE_UNAVAILABLE', 'A file in the backup folder disappeared while Coffer was using it (a sync tool may have moved it). Nothing was saved: back up again.');
    default:
      return mapFsError(error);
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await fsp.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
