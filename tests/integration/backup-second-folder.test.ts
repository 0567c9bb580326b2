import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { nodePublishFs, type PublishFs } from '../../electron/core/backup/publish';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, type AccessWorld } from './access-helpers';

type Status = ChannelOutput<'backup.status'>;
const HOUR = 3_600_000;

function clock(start = Date.UTC(2026, 10, 22, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}
const backups = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.cofferbak')).sort();
const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.partial'));

async function world(options: { now?: () => number; secondFolderFs?: PublishFs } = {}) {
  const first = tempDir('coffer-first-');
  const second = tempDir('coffer-second-');
  let pick: string | null = first;
  const w = await accessWorld({ ...options, pickFolder: async () => pick });
  const owner = w.caller('owner');
  const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
    const answer = await w.router.dispatch(owner, channel, input);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code}`);
    return answer.value as T;
  };
  await call('settings.chooseBackupFolder');
  pick = second;
  expect(await call('settings.chooseSecondBackupFolder')).toEqual({ folder: second });
  return { w, owner, first, second, call, status: () => call<Status>('backup.status'), choose: (folder: string | null) => (pick = folder) };
}

const auditRows = (w: AccessWorld, action: string) =>
  w.core.vault.db().prepare('SELECT outcome, fields, reason FROM audit_log WHERE action = ? ORDER BY id').all(action) as { outcome: string; fields: string | null; reason: string | null }[];

describeKeychain('the second backup folder', () => {
  it('each backup lands in both folders, byte for byte, and the copy restores (drill from either folder)', async () => {
    const { w, first, second, call, status, choose } = await world();
    expect((await status()).secondFolder).toEqual({ label: path.basename(second), lastCopyAt: null, state: 'waiting', errorCode: null });
    const run = await call<{ fileName: string }>('backup.run');
    expect(backups(first)).toEqual([run.fileName]);
    expect(backups(second)).toEqual([run.fileName]);
    expect(fs.readFileSync(path.join(second, run.fileName)).equals(fs.readFileSync(path.join(first, run.fileName)))).toBe(true);
    expect(leftovers(second)).toEqual([]);
    const now = await status();
    expect(now.secondFolder).toMatchObject({ state: 'ok', errorCode: null });
    expect(now.secondFolder?.lastCopyAt).not.toBeNull();
    // The label is the folder's own name, never the path (which usually holds the account's name).
    expect(JSON.stringify(now.secondFolder)).not.toContain(path.dirname(second));
    expect(now.warnings).not.toContain('second-unavailable');

    expect(await call('backup.drill', { fileName: run.fileName })).toMatchObject({ passed: true });
    // The copy alone restores: drill it as the backup folder (the first folder unplugged, say).
    fs.rmSync(first, { recursive: true });
    choose(second);
    expect(await call('settings.chooseBackupFolder')).toEqual({ folder: second });
    expect(await call('backup.drill', { fileName: run.fileName })).toMatchObject({ passed: true, backup: run.fileName });
    await w.core.backups.settled();
  }, 240_000);

  it('an unplugged second folder does not fail the backup: it shows unavailable, then recovers', async () => {
    const { w, first, second, call, status } = await world();
    const away = `${second}-unplugged`;
    fs.renameSync(second, away);
    const run = await call<{ fileName: string }>('backup.run');
    expect(backups(first)).toEqual([run.fileName]);
    const down = await status();
    expect(down.lastFailure).toBeNull();
    expect(down.lastSuccessFile).toBe(run.fileName);
    expect(down.secondFolder).toMatchObject({ state: 'unavailable', errorCode: 'BACKUP_FOLDER_UNAVAILABLE', lastCopyAt: null });
    expect(down.warnings).toContain('second-unavailable');
    expect(auditRows(w, 'backup.run').map((r) => [r.outcome, r.reason])).toEqual([
      ['ok', 'manual'],
      ['failed', 'manual; second folder BACKUP_FOLDER_UNAVAILABLE'],
    ]);
    // Plugged back in: the next backup reaches it and the warning goes.
    fs.renameSync(away, second);
    const again = await call<{ fileName: string }>('backup.run');
    expect(backups(second)).toEqual([again.fileName]);
    const up = await status();
    expect(up.secondFolder).toMatchObject({ state: 'ok', errorCode: null });
    expect(up.warnings).not.toContain('second-unavailable');
    await w.core.backups.settled();
  }, 240_000);

  it('a full second disk leaves no partial file there and no failure on the backup itself', async () => {
    let full = true;
    const secondFolderFs: PublishFs = {
      ...nodePublishFs,
      fsyncFile: async (file) => {
        if (full) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        return nodePublishFs.fsyncFile(file);
      },
    };
    const { w, first, second, call, status } = await world({ secondFolderFs });
    const run = await call<{ fileName: string }>('backup.run');
    expect(backups(first)).toEqual([run.fileName]);
    expect(fs.readdirSync(second)).toEqual([]);
    expect((await status()).secondFolder).toMatchObject({ state: 'unavailable', errorCode: 'STORAGE_FULL' });
    expect((await status()).lastFailure).toBeNull();
    full = false;
    await call('backup.run');
    expect((await status()).secondFolder).toMatchObject({ state: 'ok' });
    await w.core.backups.settled();
  }, 240_000);

  it('warns when the second copy is older than the schedule allows (same objective as the first), and retention applies there too', async () => {
    const c = clock();
    const { w, first, second, call } = await world({ now: c.now });
    // A day on the fake clock idles every session out: the job and the status are asked of core directly.
    const status = async () => w.core.backups.status();
    await call('backup.setSchedule', { schedule: { every: 'daily', at: '18:00', onQuit: false }, retention: { daily: 2, weekly: 0, monthly: 0 } });
    await w.core.backups.backup('manual', null);
    c.advance(25 * HOUR);
    expect((await status()).secondFolder?.state).toBe('ok');
    c.advance(2 * HOUR);
    const old = await status();
    expect(old.secondFolder?.state).toBe('stale');
    expect(old.warnings).toContain('second-stale');
    for (let day = 0; day < 3; day += 1) {
      await w.core.backups.backup('manual', null);
      await w.core.backups.settled();
      c.advance(24 * HOUR);
    }
    // Two daily backups kept in each folder, the same two.
    expect(backups(first)).toHaveLength(2);
    expect(backups(second)).toEqual(backups(first));
  }, 240_000);

  it('the second folder cannot be the first one; removing it stops the copies; only the owner may', async () => {
    const { w, first, second, call, status, choose } = await world();
    choose(first);
    expect(await w.router.dispatch(w.caller('owner'), 'settings.chooseSecondBackupFolder', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Cancelling the picker keeps the choice.
    choose(null);
    expect(await call('settings.chooseSecondBackupFolder')).toEqual({ folder: second });
    for (const role of ['manager', 'sales', 'support', 'auditor'] as const) {
      expect(await w.router.dispatch(w.caller(role), 'backup.removeSecondFolder', {}), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await call('backup.removeSecondFolder')).toEqual({ removed: true });
    expect(await call('backup.removeSecondFolder')).toEqual({ removed: false });
    expect((await status()).secondFolder).toBeNull();
    await call('backup.run');
    expect(backups(second)).toEqual([]);
    const changes = auditRows(w, 'settings.change').filter((r) => r.fields?.includes('secondBackupFolder'));
    expect(changes.map((r) => r.outcome)).toEqual(['ok', 'failed', 'ok']);
    // The folder is named by a keyed reference only, never its path.
    expect(JSON.stringify(changes)).not.toContain(second);
    await w.core.backups.settled();
  }, 240_000);
});
