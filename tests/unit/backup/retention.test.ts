import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileName, partialName } from '../../../electron/core/backup/backup-files';
import { backupsToKeep, isoWeek, LOCK_FILE, pruneBackups, type RetentionPolicy } from '../../../electron/core/backup/retention';
import { tempDir } from '../../support/tmp';

const at = (iso: string): { name: string; at: Date } => ({ name: iso, at: new Date(iso) });
const days = (from: string, count: number, everyDays = 1): string[] =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(from) + i * everyDays * 86_400_000).toISOString());
const only = (p: Partial<RetentionPolicy>): RetentionPolicy => ({ daily: 0, weekly: 0, monthly: 0, ...p });

describe('which backups retention keeps', () => {
  const cases: { name: string; now: string; policy: RetentionPolicy; backups: string[]; keep: string[] }[] = [
    {
      name: 'never deletes the newest, even with an empty policy',
      now: '2024-06-01T00:00:00.000Z',
      policy: only({}),
      backups: ['2023-01-01T00:00:00.000Z', '2023-01-02T00:00:00.000Z'],
      keep: ['2023-01-02T00:00:00.000Z'],
    },
    {
      name: 'keeps the last 7 days of daily backups',
      now: '2024-03-10T12:00:00.000Z',
      policy: only({ daily: 7 }),
      backups: days('2024-03-01T02:00:00.000Z', 10),
      keep: days('2024-03-04T02:00:00.000Z', 7),
    },
    {
      name: 'keeps the newest of each day, and days without a backup do not count',
      now: '2024-03-20T00:00:00.000Z',
      policy: only({ daily: 3 }),
      backups: ['2024-03-01T01:00:00.000Z', '2024-03-01T23:00:00.000Z', '2024-03-05T01:00:00.000Z', '2024-03-05T09:00:00.000Z', '2024-03-09T08:00:00.000Z', '2024-02-01T08:00:00.000Z'],
      keep: ['2024-03-01T23:00:00.000Z', '2024-03-05T09:00:00.000Z', '2024-03-09T08:00:00.000Z'],
    },
    {
      name: 'splits days at UTC midnight',
      now: '2024-03-20T00:00:00.000Z',
      policy: only({ daily: 2 }),
      backups: ['2024-03-01T23:59:58.000Z', '2024-03-01T23:59:59.000Z', '2024-03-02T00:00:00.000Z'],
      keep: ['2024-03-01T23:59:59.000Z', '2024-03-02T00:00:00.000Z'],
    },
    {
      name: 'splits ISO weeks between Sunday and Monday',
      now: '2024-01-20T00:00:00.000Z',
      policy: only({ weekly: 2 }),
      backups: ['2024-01-06T12:00:00.000Z', '2024-01-07T12:00:00.000Z', '2024-01-08T12:00:00.000Z', '2024-01-01T12:00:00.000Z'],
      keep: ['2024-01-07T12:00:00.000Z', '2024-01-08T12:00:00.000Z'],
    },
    {
      name: 'keeps one ISO week across a year end (2020-W53 runs into January 2021)',
      now: '2021-02-01T00:00:00.000Z',
      policy: only({ weekly: 2 }),
      backups: ['2020-12-28T12:00:00.000Z', '2020-12-31T12:00:00.000Z', '2021-01-03T12:00:00.000Z', '2021-01-04T12:00:00.000Z'],
      keep: ['2021-01-03T12:00:00.000Z', '2021-01-04T12:00:00.000Z'],
    },
    {
      name: 'keeps the newest of each of the last 12 months',
      now: '2025-03-01T00:00:00.000Z',
      policy: only({ monthly: 12 }),
      backups: days('2023-12-15T00:00:00.000Z', 14, 30.5),
      keep: days('2023-12-15T00:00:00.000Z', 14, 30.5).slice(2),
    },
    {
      name: 'splits months at the last second of the month',
      now: '2024-03-01T00:00:00.000Z',
      policy: only({ monthly: 2 }),
      backups: ['2024-01-15T00:00:00.000Z', '2024-01-31T23:59:59.000Z', '2024-02-01T00:00:00.000Z'],
      keep: ['2024-01-31T23:59:59.000Z', '2024-02-01T00:00:00.000Z'],
    },
    {
      name: 'never deletes backups newer than now (a wrong clock), and still keeps the newest older one',
      now: '2024-03-10T00:00:00.000Z',
      policy: only({}),
      backups: ['2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z', '2024-04-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'],
      keep: ['2024-03-02T00:00:00.000Z', '2024-04-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'],
    },
    {
      name: 'the default 7/4/12 on a year of daily backups keeps 7 + 2 + 11 distinct ones',
      now: '2024-12-31T12:00:00.000Z',
      policy: { daily: 7, weekly: 4, monthly: 12 },
      backups: days('2024-01-01T01:00:00.000Z', 366),
      keep: [
        // Daily. Tue 12-31 is also the newest of 2025-W01 and of December; Sun 12-29 of 2024-W52.
        ...days('2024-12-25T01:00:00.000Z', 7),
        '2024-12-22T01:00:00.000Z', // weekly: the Sundays ending W51 and W50
        '2024-12-15T01:00:00.000Z',
        ...['01-31', '02-29', '03-31', '04-30', '05-31', '06-30', '07-31', '08-31', '09-30', '10-31', '11-30'].map((d) => `2024-${d}T01:00:00.000Z`),
      ],
    },
  ];

  it.each(cases)('$name', ({ now, policy, backups, keep }) => {
    expect([...backupsToKeep(backups.map(at), new Date(now), policy)].sort()).toEqual([...keep].sort());
  });

  it('numbers ISO weeks like ISO 8601', () => {
    expect(isoWeek(new Date('2021-01-03T23:00:00Z'))).toBe('2020-W53');
    expect(isoWeek(new Date('2021-01-04T00:00:00Z'))).toBe('2021-W01');
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeek(new Date('2024-06-15T00:00:00Z'))).toBe('2024-W24');
  });

  it('refuses a nonsensical policy', () => {
    expect(() => backupsToKeep([], new Date(), { daily: -1, weekly: 0, monthly: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

const A = 'aaaaaaaa';
const B = 'bbbbbbbb';
const NOW = new Date('2024-03-20T12:00:00Z');
const POLICY = only({ daily: 2 });

/** A shared folder: each device's dailies, plus conflict copies, partials and a stranger's file. */
function sharedFolder(): { dir: string; names: Record<string, string[]>; untouchable: string[] } {
  const dir = tempDir();
  const names: Record<string, string[]> = { [A]: [], [B]: [] };
  for (const device of [A, B]) {
    for (const day of days('2024-03-10T03:00:00.000Z', 5)) {
      const name = backupFileName(device, new Date(day));
      names[device]!.push(name);
      fs.writeFileSync(path.join(dir, name), `${device} ${day}`);
    }
  }
  const oldA = names[A]![0]!.replace('.cofferbak', '');
  const untouchable = [
    `${oldA} (conflicted copy 2024-03-11).cofferbak`,
    `${oldA}-DESKTOP-ABC123.cofferbak`,
    `${oldA}.sync-conflict-20240311-010203-ABCDEFG.cofferbak`,
    `${oldA} (1).cofferbak`,
    partialName(backupFileName(A, new Date('2024-03-01T00:00:00Z'))),
    'readme.txt',
  ];
  for (const name of untouchable) fs.writeFileSync(path.join(dir, name), name);
  return { dir, names, untouchable };
}

const present = (dir: string): string[] => fs.readdirSync(dir).sort();

describe('pruning a shared backup folder', () => {
  it('deletes only its own complete backups; the other device, conflicts and partials stay', async () => {
    const { dir, names, untouchable } = sharedFolder();
    const a = await pruneBackups(dir, A, NOW, POLICY);
    expect(a.refused).toBeUndefined();
    expect(a.pruned.sort()).toEqual(names[A]!.slice(0, 3).sort());
    expect(present(dir)).toEqual([...names[A]!.slice(3), ...names[B]!, ...untouchable].sort());

    const b = await pruneBackups(dir, B, NOW, POLICY);
    expect(b.pruned.sort()).toEqual(names[B]!.slice(0, 3).sort());
    expect(present(dir)).toEqual([...names[A]!.slice(3), ...names[B]!.slice(3), ...untouchable].sort());
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it("refuses while another device's lock is fresh, and deletes nothing", async () => {
    const { dir } = sharedFolder();
    const lock = JSON.stringify({ deviceId: B, at: new Date(NOW.getTime() - 5 * 60_000).toISOString() });
    fs.writeFileSync(path.join(dir, LOCK_FILE), lock);
    const before = present(dir);
    expect(await pruneBackups(dir, A, NOW, POLICY)).toEqual({ pruned: [], refused: 'locked' });
    expect(present(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(lock);
  });

  it('takes over a lock older than ten minutes, or one with a clock far off', async () => {
    for (const offsetMinutes of [-11, +120]) {
      const { dir, names } = sharedFolder();
      fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ deviceId: B, at: new Date(NOW.getTime() + offsetMinutes * 60_000).toISOString() }));
      const result = await pruneBackups(dir, A, NOW, POLICY);
      expect(result.pruned.sort()).toEqual(names[A]!.slice(0, 3).sort());
      expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    }
  });

  it('judges a half-written lock by its file time', async () => {
    const { dir } = sharedFolder();
    const lockPath = path.join(dir, LOCK_FILE);
    fs.writeFileSync(lockPath, '');
    fs.utimesSync(lockPath, NOW, NOW);
    expect((await pruneBackups(dir, A, NOW, POLICY)).refused).toBe('locked');
    const old = new Date(NOW.getTime() - 60 * 60_000);
    fs.utimesSync(lockPath, old, old);
    expect((await pruneBackups(dir, A, NOW, POLICY)).pruned).toHaveLength(3);
  });

  it('leaves the lock to whoever took it over meanwhile', async () => {
    const { dir } = sharedFolder();
    const lockPath = path.join(dir, LOCK_FILE);
    const theirs = JSON.stringify({ deviceId: B, at: NOW.toISOString() });
    const result = await pruneBackups(dir, A, NOW, POLICY, {
      createExclusive: (file, text) => fs.promises.writeFile(file, text, { flag: 'wx' }),
      readText: (file) => fs.promises.readFile(file, 'utf8'),
      mtime: async (file) => (await fs.promises.stat(file)).mtime,
      remove: async (file) => {
        await fs.promises.unlink(file);
        // While A deletes its first file, B decides A's lock is stale and replaces it.
        if (!fs.readFileSync(lockPath, 'utf8').includes(B)) fs.writeFileSync(lockPath, theirs);
      },
    });
    expect(result.pruned).toHaveLength(3);
    expect(fs.readFileSync(lockPath, 'utf8')).toBe(theirs);
  });
});
