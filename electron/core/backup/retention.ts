import fsp from 'node:fs/promises';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import { assertDeviceId, backupFolderError, listBackups } from './backup-files';

/**
 * Which backups to keep, and deleting the rest of this device's own.
 *
 * The policy is grandfather-father-son over calendar buckets: for each of the N most recent days
 * (ISO weeks, months) that have a backup, keep that bucket's newest one. Buckets are UTC, like
 * the times in the file names, so every device sharing a folder groups them the same way.
 */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

export interface DatedBackup {
  name: string;
  at: Date;
}

export function backupsToKeep(backups: readonly DatedBackup[], now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): Set<string> {
  for (const n of [policy.daily, policy.weekly, policy.monthly]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new CofferError('INVALID_INPUT', 'The backup retention settings are invalid.');
  }
  const keep = new Set<string>();
  const past: DatedBackup[] = [];
  for (const b of backups) {
    // Newer than now means a clock is wrong somewhere; deleting on a wrong clock loses data.
    if (!(b.at.getTime() <= now.getTime())) keep.add(b.name);
    else past.push(b);
  }
  past.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  if (past[0]) keep.add(past[0].name); // the newest backup is never deleted, whatever the policy
  const buckets: [number, (d: Date) => string][] = [
    [policy.daily, (d) => d.toISOString().slice(0, 10)],
    [policy.weekly, isoWeek],
    [policy.monthly, (d) => d.toISOString().slice(0, 7)],
  ];
  for (const [limit, bucketOf] of buckets) {
    const seen = new Set<string>();
    for (const b of past) {
      if (seen.size >= limit) break;
      const bucket = bucketOf(b.at);
      if (seen.has(bucket)) continue;
      seen.add(bucket); // `past` is newest first, so this is the bucket's newest backup
      keep.add(b.name);
    }
  }
  return keep;
}

/** "2024-W01": ISO 8601 weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The file operations pruning uses; tests replace them to stand in for a misbehaving disk. */
export interface PruneFs {
  createExclusive(file: string, text: string): Promise<void>;
  readText(file: string): Promise<string>;
  mtime(file: string): Promise<Date>;
  remove(file: string): Promise<void>;
}

export const nodePruneFs: PruneFs = {
  createExclusive: (file, text) => fsp.writeFile(file, text, { flag: 'wx', mode: 0o600 }),
  readText: (file) => fsp.readFile(file, 'utf8'),
  mtime: async (file) => (await fsp.stat(file)).mtime,
  remove: (file) => fsp.unlink(file),
};

export const LOCK_FILE = 'coffer-prune.lock';
export const LOCK_STALE_MS = 10 * 60 * 1000;

export interface PruneResult {
  pruned: string[];
  refused?: 'locked';
}

/**
 * Deletes this device's complete backups that the policy does not keep. Never touches partial
 * files, sync-tool conflict copies, unknown files or other devices' backups: a teammate's
 * retention is theirs to run, and a conflict copy may be the only copy of something.
 *
 * The lock keeps two pruners (two devices, or the app and the command line on one) from working
 * at once. It is advisory: cloud folders sync it late, which is why only a device's own files
 * are ever deleted and why a lock older than ten minutes is taken over rather than obeyed.
 */
export async function pruneBackups(
  dir: string,
  deviceId: string,
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  fsLike: PruneFs = nodePruneFs,
  /** Never deleted: the backup just published (two in one second share a timestamp). */
  protect: readonly string[] = [],
): Promise<PruneResult> {
  assertDeviceId(deviceId);
  const lockPath = path.join(dir, LOCK_FILE);
  const lockText = JSON.stringify({ deviceId, at: now.toISOString() });
  if (!(await acquireLock(fsLike, lockPath, lockText, now))) return { pruned: [], refused: 'locked' };
  try {
    const mine = (await listBackups(dir)).filter((b) => b.kind === 'complete' && b.deviceId === deviceId && b.at);
    const keep = backupsToKeep(
      mine.map((b) => ({ name: b.name, at: b.at! })),
      now,
      policy,
    );
    const pruned: string[] = [];
    for (const b of mine) {
      if (keep.has(b.name) || protect.includes(b.name)) continue;
      try {
        await fsLike.remove(b.path);
        pruned.push(b.name);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw await backupFolderError(error, dir);
      }
    }
    return { pruned };
  } finally {
    await releaseLock(fsLike, lockPath, lockText);
  }
}

async function acquireLock(fsLike: PruneFs, lockPath: string, lockText: string, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await fsLike.createExclusive(lockPath, lockText);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw await backupFolderError(error, path.dirname(lockPath));
    }
    if (attempt > 0 || !(await lockIsStale(fsLike, lockPath, now))) return false;
    // Stale: a pruner that crashed or lost its disk. Two devices taking it over at the same
    // moment can both end up pruning; that is safe, since each deletes only its own files.
    await fsLike.remove(lockPath).catch(() => undefined);
  }
  return false;
}

async function lockIsStale(fsLike: PruneFs, lockPath: string, now: Date): Promise<boolean> {
  let at: number;
  try {
    const held = JSON.parse(await fsLike.readText(lockPath)) as { at?: unknown };
    at = typeof held.at === 'string' ? Date.parse(held.at) : NaN;
    // Still being written by its creator, or damaged: judge it by when the file last changed.
    if (Number.isNaN(at)) at = (await fsLike.mtime(lockPath)).getTime();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return true; // released meanwhile
    try {
      at = (await fsLike.mtime(lockPath)).getTime();
    } catch {
      return true;
    }
  }
  // Either way round: a lock from the future is another device's skewed clock, held for a few
  // minutes, but a clock hours off must not block pruning for hours.
  return Math.abs(now.getTime() - at) >= LOCK_STALE_MS;
}

async function releaseLock(fsLike: PruneFs, lockPath: string, lockText: string): Promise<void> {
  try {
    // Only our own lock: if ours went stale and someone took it over, theirs stays.
    if ((await fsLike.readText(lockPath)) === lockText) await fsLike.remove(lockPath);
  } catch {
    // Best effort: a leftover lock goes stale in ten minutes.
  }
}
