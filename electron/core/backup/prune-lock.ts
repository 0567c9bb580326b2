import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { backupFolderError } from './backup-files';

/**
 * The prune lock in a (possibly shared) backup folder. It keeps two pruners (two devices, or
 * the app and the command line on one computer) from working at once. It is advisory: cloud
 * folders sync it late, which is why only a device's own files are ever deleted.
 *
 * A pruner that crashed leaves its lock behind. The lock says who holds it, so a leftover is
 * broken as soon as its holder is known to be gone (same computer, and that process is no longer
 * running) and otherwise after LOCK_STALE_MS. Nothing in it names a person or a computer: the
 * random device id, a process id, a time, and a truncated hash of the host name that only lets a
 * computer recognise its own locks.
 */
export const LOCK_FILE = 'coffer-prune.lock';
export const LOCK_STALE_MS = 10 * 60 * 1000;

/** The outside world, replaceable in tests: a full disk or an unplugged drive cannot be made for real. */
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

export interface LockHolder {
  deviceId: string;
  pid: number;
  at: string;
  host: string;
}

/** Truncated so it identifies nothing beyond "the same computer" among a folder's few devices. */
export function hostRef(): string {
  return createHash('sha256').update(`coffer prune lock host\0${os.hostname()}`).digest('hex').slice(0, 16);
}

/** Whether process `pid` on this computer is running (EPERM: it is, under another account). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** Locks this process holds right now: one of its own with another text is a leftover. */
const heldHere = new Set<string>();

export interface LockOptions {
  fs?: PruneFs;
  /** Tests stand in for "is that process still running". */
  alive?: (pid: number) => boolean;
}

/** Takes the lock (breaking a stale one once); returns its text for release, or null if it is held. */
export async function acquireLock(dir: string, deviceId: string, now: Date, options: LockOptions = {}): Promise<string | null> {
  const fsLike = options.fs ?? nodePruneFs;
  const lockPath = path.join(dir, LOCK_FILE);
  const holder: LockHolder = { deviceId, pid: process.pid, at: now.toISOString(), host: hostRef() };
  const text = JSON.stringify(holder);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await fsLike.createExclusive(lockPath, text);
      heldHere.add(text);
      return text;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw await backupFolderError(error, dir);
    }
    if (attempt > 0 || !(await lockIsStale(fsLike, lockPath, now, options.alive))) return null;
    // Stale: a pruner that crashed or lost its disk. Two devices taking it over at the same
    // moment can both end up pruning; that is safe, since each deletes only its own files.
    await fsLike.remove(lockPath).catch(() => undefined);
  }
  return null;
}

export async function releaseLock(dir: string, text: string, fsLike: PruneFs = nodePruneFs): Promise<void> {
  heldHere.delete(text);
  const lockPath = path.join(dir, LOCK_FILE);
  try {
    // Only our own lock: if ours went stale and someone took it over, theirs stays.
    if ((await fsLike.readText(lockPath)) === text) await fsLike.remove(lockPath);
  } catch {
    // Best effort: a leftover lock is broken by the next pruner (lockIsStale).
  }
}

/**
 * Removes this device's lock if its holder is gone: the leftover of a crash. Another device's
 * lock is left to that device (or to the next pruner, which breaks it once stale). Best effort.
 */
export async function breakOwnStaleLock(dir: string, deviceId: string, now: Date, options: LockOptions = {}): Promise<boolean> {
  const fsLike = options.fs ?? nodePruneFs;
  const lockPath = path.join(dir, LOCK_FILE);
  try {
    const held = parseHolder(await fsLike.readText(lockPath));
    if (held?.deviceId !== deviceId || !(await lockIsStale(fsLike, lockPath, now, options.alive))) return false;
    await fsLike.remove(lockPath);
    return true;
  } catch {
    return false;
  }
}

function parseHolder(text: string): Partial<LockHolder> | null {
  try {
    const held: unknown = JSON.parse(text);
    return typeof held === 'object' && held !== null ? (held as Partial<LockHolder>) : null;
  } catch {
    return null;
  }
}

async function lockIsStale(fsLike: PruneFs, lockPath: string, now: Date, alive: (pid: number) => boolean = processAlive): Promise<boolean> {
  let text: string;
  try {
    text = await fsLike.readText(lockPath);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return true; // released meanwhile
    return mtimeStale(fsLike, lockPath, now);
  }
  const held = parseHolder(text);
  const at = typeof held?.at === 'string' ? Date.parse(held.at) : NaN;
  // Still being written by its creator, or damaged: judge it by when the file last changed.
  if (Number.isNaN(at)) return mtimeStale(fsLike, lockPath, now);
  // Either way round: a lock from the future is another device's skewed clock, held for a few
  // minutes, but a clock hours off must not block pruning for hours.
  if (Math.abs(now.getTime() - at) >= LOCK_STALE_MS) return true;
  // A holder on this computer can be asked directly. (A reused process id only delays the break
  // until the time bound.)
  if (held?.host === hostRef() && Number.isSafeInteger(held.pid) && (held.pid as number) > 0) {
    return held.pid === process.pid ? !heldHere.has(text) : !alive(held.pid as number);
  }
  return false;
}

async function mtimeStale(fsLike: PruneFs, lockPath: string, now: Date): Promise<boolean> {
  try {
    return Math.abs(now.getTime() - (await fsLike.mtime(lockPath)).getTime()) >= LOCK_STALE_MS;
  } catch {
    return true;
  }
}
