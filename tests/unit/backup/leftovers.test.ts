import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileName, partialName } from '../../../electron/core/backup/backup-files';
import { PARTIAL_IDLE_MS, removeLeftovers } from '../../../electron/core/backup/leftovers';
import { acquireLock, breakOwnStaleLock, hostRef, LOCK_FILE, releaseLock } from '../../../electron/core/backup/prune-lock';
import { pruneBackups } from '../../../electron/core/backup/retention';
import { tempDir } from '../../support/tmp';

const A = 'aaaa1111';
const B = 'bbbb2222';
const NOW = new Date();

/** The id of a process that has run and exited: a holder that is gone. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(run.stdout);
}

function lockText(holder: { deviceId: string; pid: number; at?: Date; host?: string }): string {
  return JSON.stringify({ deviceId: holder.deviceId, pid: holder.pid, at: (holder.at ?? NOW).toISOString(), host: holder.host ?? hostRef() });
}

function age(file: string, ms: number): void {
  const then = new Date(NOW.getTime() - ms);
  fs.utimesSync(file, then, then);
}

describe('the prune lock says who holds it', () => {
  it('records device, process, time and a host reference, and nothing that names the computer', async () => {
    const dir = tempDir();
    const text = await acquireLock(dir, A, NOW);
    expect(text).not.toBeNull();
    const held = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    expect(held).toEqual({ deviceId: A, pid: process.pid, at: NOW.toISOString(), host: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(JSON.stringify(held)).not.toContain(os.hostname());
    // Held by a live process (this one, which is using it): a second pruner waits.
    expect(await acquireLock(dir, B, NOW)).toBeNull();
    await releaseLock(dir, text!);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it("a fresh lock whose holder on this computer is gone no longer blocks pruning (it did for ten minutes)", async () => {
    const dir = tempDir();
    const old = backupFileName(A, new Date(NOW.getTime() - 400 * 86_400_000));
    const newer = backupFileName(A, new Date(NOW.getTime() - 86_400_000));
    for (const name of [old, newer]) fs.writeFileSync(path.join(dir, name), 'x');
    fs.writeFileSync(path.join(dir, LOCK_FILE), lockText({ deviceId: B, pid: deadPid() }));
    const result = await pruneBackups(dir, A, NOW, { daily: 1, weekly: 0, monthly: 0 });
    expect(result).toEqual({ pruned: [old] });
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('keeps a fresh lock whose holder runs, or lives on another computer (it cannot be asked)', async () => {
    for (const holder of [{ deviceId: B, pid: process.ppid }, { deviceId: B, pid: deadPid(), host: '0123456789abcdef' }]) {
      const dir = tempDir();
      const text = lockText(holder);
      fs.writeFileSync(path.join(dir, LOCK_FILE), text);
      expect(await pruneBackups(dir, A, NOW)).toEqual({ pruned: [], refused: 'locked' });
      expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(text);
    }
  });

  it("breaks a leftover of this very process (an earlier prune that could not release it)", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), lockText({ deviceId: A, pid: process.pid, at: new Date(NOW.getTime() - 1000) }));
    expect((await pruneBackups(dir, A, NOW)).refused).toBeUndefined();
  });

  it("cleanup breaks only this device's lock, and only once its holder is gone", async () => {
    const cases: [string, string, boolean][] = [
      ['own, holder gone', lockText({ deviceId: A, pid: deadPid() }), true],
      ['own, holder running', lockText({ deviceId: A, pid: process.ppid }), false],
      ['own, other computer, fresh', lockText({ deviceId: A, pid: 1, host: '0123456789abcdef' }), false],
      ['own, other computer, old', lockText({ deviceId: A, pid: 1, host: '0123456789abcdef', at: new Date(NOW.getTime() - 11 * 60_000) }), true],
      ["another device's, holder gone", lockText({ deviceId: B, pid: deadPid() }), false],
    ];
    for (const [label, text, broken] of cases) {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, LOCK_FILE), text);
      expect(await breakOwnStaleLock(dir, A, NOW), label).toBe(broken);
      expect(fs.existsSync(path.join(dir, LOCK_FILE)), label).toBe(!broken);
    }
  });
});

describe('leftovers of a crashed backup', () => {
  it("removes scratch copies, this device's idle .partial files and its dead lock; leaves everything else", async () => {
    const profile = tempDir();
    const scratch = path.join(profile, 'scratch');
    fs.mkdirSync(scratch);
    const scratchLeftovers = ['snapshot-0123456789ab.db', 'snapshot-0123456789ab.db-wal', 'drill-ba9876543210.db', 'drill-ba9876543210.db-journal'];
    for (const name of [...scratchLeftovers, 'notes.txt']) fs.writeFileSync(path.join(scratch, name), 'x');

    const folder = tempDir();
    const at = new Date(NOW.getTime() - 3600_000);
    const ownIdle = partialName(backupFileName(A, at));
    const ownActive = partialName(backupFileName(A, NOW)); // being written by a clone of this profile, maybe
    const otherIdle = partialName(backupFileName(B, at));
    const complete = backupFileName(A, at);
    for (const name of [ownIdle, ownActive, otherIdle, complete, 'readme.txt']) fs.writeFileSync(path.join(folder, name), 'x');
    age(path.join(folder, ownIdle), PARTIAL_IDLE_MS + 1000);
    age(path.join(folder, otherIdle), 24 * 3600_000);
    // A link named like a partial is not ours to follow.
    const outside = path.join(tempDir(), 'target');
    fs.writeFileSync(outside, 'keep');
    const link = partialName(backupFileName(A, new Date(at.getTime() - 1000)));
    fs.symlinkSync(outside, path.join(folder, link));
    fs.writeFileSync(path.join(folder, LOCK_FILE), lockText({ deviceId: A, pid: deadPid() }));

    const removed = await removeLeftovers({ scratchDir: scratch, backupFolder: { path: folder, deviceId: A }, now: NOW });
    expect(removed).toEqual({ scratch: 4, partials: 1, lock: true });
    expect(fs.readdirSync(scratch)).toEqual(['notes.txt']);
    expect(fs.readdirSync(folder).sort()).toEqual([complete, ownActive, otherIdle, link, 'readme.txt'].sort());
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep');
    // Nothing left: a second run removes nothing.
    expect(await removeLeftovers({ scratchDir: scratch, backupFolder: { path: folder, deviceId: A }, now: NOW })).toEqual({ scratch: 0, partials: 0, lock: false });
  });

  it('does not fail when the scratch or backup folder is missing', async () => {
    const gone = path.join(tempDir(), 'gone');
    expect(await removeLeftovers({ scratchDir: gone, backupFolder: { path: gone, deviceId: A }, now: NOW })).toEqual({ scratch: 0, partials: 0, lock: false });
    expect(await removeLeftovers({ scratchDir: gone, backupFolder: null, now: NOW })).toEqual({ scratch: 0, partials: 0, lock: false });
  });
});
