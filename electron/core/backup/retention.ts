import { CofferError } from '../../../shared/errors';
import { assertDeviceId, backupFolderError, listBackups } from './backup-files';
import { acquireLock, nodePruneFs, releaseLock, type PruneFs } from './prune-lock';

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

// The lock and the file operations pruning uses (tests replace them to stand in for a misbehaving disk).
export { LOCK_FILE, LOCK_STALE_MS, nodePruneFs, type PruneFs } from './prune-lock';

export interface PruneResult {
  pruned: string[];
  refused?: 'locked';
}

/**
 * Deletes this device's complete backups that the policy does not keep. Never touches partial
 * files, sync-tool conflict copies, unknown files or other devices' backups: a teammate's
 * retention is theirs to run, and a conflict copy may be the only copy of something.
 *
 * One pruner at a time per folder (prune-lock.ts: who holds it, and when a leftover is broken).
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
  const lock = await acquireLock(dir, deviceId, now, { fs: fsLike });
  if (lock === null) return { pruned: [], refused: 'locked' };
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
    await releaseLock(dir, lock, fsLike);
  }
}
