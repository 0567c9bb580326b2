import fsp from 'node:fs/promises';
import path from 'node:path';
import { listBackups } from './backup-files';
import { breakOwnStaleLock, type LockOptions } from './prune-lock';

/**
 * What a crash in the middle of a backup or drill leaves behind, and its removal. Run when core
 * starts and before every backup, while no job runs (the backup service's queue), so nothing
 * removed here can be in use by this installation.
 *
 * - Scratch copies in the profile's scratch folder: snapshots (still SQLCipher-encrypted, but a
 *   full copy of the vault that nobody would otherwise ever delete) and drill copies.
 * - This device's `.partial` files in the backup folder, once nobody has written to them for
 *   PARTIAL_IDLE_MS. Another device's are never touched (it may be writing them right now), and
 *   the idle time covers a second computer cloned from this profile, which shares its device id.
 * - This device's prune lock, if its holder is gone (prune-lock.ts).
 */
export const PARTIAL_IDLE_MS = 5 * 60 * 1000;

/** Names takeBackup and drillBackup give their scratch files (backup-jobs.ts), with SQLite's side files. */
const SCRATCH = /^(snapshot|drill)-[0-9a-f]{12}\.db(-wal|-shm|-journal)?$/;

export interface LeftoversRemoved {
  scratch: number;
  partials: number;
  lock: boolean;
}

export async function removeLeftovers(
  input: { scratchDir: string; backupFolder: { path: string; deviceId: string } | null; now: Date },
  options: LockOptions = {},
): Promise<LeftoversRemoved> {
  const removed: LeftoversRemoved = { scratch: 0, partials: 0, lock: false };
  for (const name of await namesIn(input.scratchDir)) {
    if (SCRATCH.test(name) && (await removeFile(path.join(input.scratchDir, name)))) removed.scratch += 1;
  }
  const folder = input.backupFolder;
  if (folder === null) return removed;
  // Best effort throughout: an unplugged backup disk is reported by the backup itself.
  const listed = await listBackups(folder.path).catch(() => []);
  for (const file of listed) {
    if (file.kind !== 'partial' || file.deviceId !== folder.deviceId) continue;
    if (input.now.getTime() - file.mtime.getTime() < PARTIAL_IDLE_MS) continue;
    if (await removeFile(file.path)) removed.partials += 1;
  }
  removed.lock = await breakOwnStaleLock(folder.path, folder.deviceId, input.now, options);
  return removed;
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch {
    return [];
  }
}

async function removeFile(file: string): Promise<boolean> {
  try {
    const stat = await fsp.lstat(file);
    if (!stat.isFile()) return false; // never follow a link out of the folder
    await fsp.unlink(file);
    return true;
  } catch {
    return false;
  }
}
