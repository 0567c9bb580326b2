import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileName, classifyBackupFile, listBackups, newDeviceId, partialName } from '../../../electron/core/backup/backup-files';
import { tempDir } from '../../support/tmp';
import { failure } from './fixtures';

const DEVICE = '0a1b2c3d';
const BASE = `coffer-${DEVICE}-20240506T070809Z-abc123`;
const AT = new Date('2024-05-06T07:08:09Z');

describe('backup file names', () => {
  it('carries a random device id, the UTC time and a random part; nothing else', () => {
    const name = backupFileName(DEVICE, new Date('2024-05-06T07:08:09.987Z'));
    expect(name).toMatch(/^coffer-0a1b2c3d-20240506T070809Z-[0-9a-f]{6}\.cofferbak$/);
    expect(backupFileName(DEVICE, AT)).not.toBe(backupFileName(DEVICE, AT));
    expect(newDeviceId()).toMatch(/^[0-9a-f]{8}$/);
    expect(classifyBackupFile(name)).toEqual({ kind: 'complete', deviceId: DEVICE, at: AT });
    expect(classifyBackupFile(partialName(name))).toEqual({ kind: 'partial', deviceId: DEVICE, at: AT });
  });

  it('refuses a device id that could be a host or account name', () => {
    for (const bad of ['DESKTOP-ADA', 'ada', 'ada-laptop', '0a1b', '../../etc']) {
      expect(() => backupFileName(bad, AT)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });

  it.each([
    [`${BASE}.cofferbak`, 'complete'],
    [`${BASE}.cofferbak.partial`, 'partial'],
    [`${BASE} (Ada's conflicted copy 2024-05-07).cofferbak`, 'conflict'], // Dropbox
    [`${BASE} (conflicted copy 2024-05-07 101112).cofferbak`, 'conflict'], // Nextcloud
    [`${BASE}-DESKTOP-4F3K2LQ.cofferbak`, 'conflict'], // OneDrive
    [`${BASE}.sync-conflict-20240507-101112-ABCDEFG.cofferbak`, 'conflict'], // Syncthing
    [`${BASE} (1).cofferbak`, 'conflict'], // Windows, macOS, Google Drive
    [`${BASE}.cofferbak (1).partial`, 'conflict'],
    [`${BASE}.cofferbak.bak`, 'other'],
    [`coffer-${DEVICE}-20240230T070809Z-abc123.cofferbak`, 'other'], // no such day
    [`coffer-${DEVICE}-20240506T250809Z-abc123.cofferbak`, 'other'],
    [`coffer-DESKTOP-20240506T070809Z-abc123.cofferbak`, 'other'],
    ['coffer-prune.lock', 'other'],
    ['notes.txt', 'other'],
  ])('classifies %s as %s', (name, kind) => {
    const info = classifyBackupFile(name);
    expect(info.kind).toBe(kind);
    if (kind !== 'other') expect(info).toMatchObject({ deviceId: DEVICE, at: AT });
  });

  it('lists every file with its kind, size and time, newest first, skipping folders', async () => {
    const dir = tempDir();
    const older = backupFileName('11111111', new Date('2024-01-01T00:00:00Z'));
    const newer = backupFileName('22222222', new Date('2024-03-01T00:00:00Z'));
    const partial = partialName(backupFileName('11111111', new Date('2024-02-01T00:00:00Z')));
    fs.writeFileSync(path.join(dir, older), 'a');
    fs.writeFileSync(path.join(dir, newer), 'bbb');
    fs.writeFileSync(path.join(dir, partial), 'cc');
    fs.mkdirSync(path.join(dir, 'subfolder.cofferbak'));

    const listed = await listBackups(dir);
    expect(listed.map((b) => [b.name, b.kind, b.size])).toEqual([
      [newer, 'complete', 3],
      [partial, 'partial', 2],
      [older, 'complete', 1],
    ]);
    expect(listed[0]!.path).toBe(path.join(dir, newer));
    expect(listed[0]!.mtime).toBeInstanceOf(Date);
  });

  it('says the folder is gone when it is, without naming it', async () => {
    const dir = path.join(tempDir(), 'unplugged');
    const error = await failure(listBackups(dir));
    expect(error.code).toBe('BACKUP_FOLDER_UNAVAILABLE');
    expect(error.message).toMatch(/no longer there/);
    expect(error.message).not.toContain(dir);
  });
});
