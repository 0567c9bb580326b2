import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyBackupFile, DISK_FULL_CODE } from '../../../electron/core/backup/backup-files';
import { verifyContainer, writeContainer } from '../../../electron/core/backup/container';
import { nodePublishFs, publishBackup, type PublishFs } from '../../../electron/core/backup/publish';
import { tempDir } from '../../support/tmp';
import { errnoError, failure, makeFixture } from './fixtures';

const DEVICE = '0a1b2c3d';
const NOW = new Date('2024-05-06T07:08:09Z');

/** Two earlier backups, and a way to prove they are byte-identical afterwards. */
async function folderWithBackups(): Promise<{ dir: string; unchanged: () => void }> {
  const dir = tempDir();
  for (const day of ['2024-05-04T07:00:00Z', '2024-05-05T07:00:00Z']) {
    await publishBackup(dir, DEVICE, new Date(day), (p) => fs.promises.writeFile(p, `backup of ${day}`, { flag: 'wx' }));
  }
  const before = new Map(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name))]));
  return {
    dir,
    unchanged: () => {
      expect(fs.readdirSync(dir).sort()).toEqual([...before.keys()].sort());
      for (const [name, bytes] of before) expect(fs.readFileSync(path.join(dir, name)).equals(bytes)).toBe(true);
    },
  };
}

const partialWriter = (bytes: number) => async (p: string) => {
  await fs.promises.writeFile(p, Buffer.alloc(bytes, 7), { flag: 'wx' });
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('publishing a backup', () => {
  it('writes a complete, verifiable container under its final name and leaves no partial', async () => {
    const { dir, unchanged } = await folderWithBackups();
    const work = tempDir();
    const { opts, snapshot } = await makeFixture(work, 1_500_000);
    const seen: string[] = [];
    const final = await publishBackup(dir, DEVICE, NOW, async (partial) => {
      seen.push(partial);
      expect(classifyBackupFile(path.basename(partial)).kind).toBe('partial');
      await writeContainer(partial, { ...opts, deviceId: DEVICE, manifest: { ...opts.manifest, deviceId: DEVICE } });
    });
    expect(path.dirname(final)).toBe(dir);
    expect(classifyBackupFile(path.basename(final))).toEqual({ kind: 'complete', deviceId: DEVICE, at: NOW });
    expect(seen).toEqual([`${final}.partial`]);
    expect(fs.existsSync(seen[0]!)).toBe(false);
    expect((await verifyContainer(final, opts.dbKey)).snapshotBytes).toBe(snapshot.length);
    expect(fs.readdirSync(dir)).toHaveLength(3);
    fs.rmSync(final);
    unchanged(); // the earlier backups were never touched
  });

  it('on a full disk, removes the partial, keeps earlier backups byte-identical and says so', async () => {
    const { dir, unchanged } = await folderWithBackups();
    const error = await failure(
      publishBackup(dir, DEVICE, NOW, async (p) => {
        await partialWriter(300_000)(p); // half a backup reached the disk, then it filled up
        throw errnoError('ENOSPC');
      }),
    );
    expect(error.code).toBe(DISK_FULL_CODE);
    expect(error.message).toMatch(/disk holding the backup folder is full.*free some space/);
    expect(error.message).not.toContain(dir);
    unchanged();
  });

  it('treats a full disk found only at fsync like any other full disk', async () => {
    const { dir, unchanged } = await folderWithBackups();
    const fsOps: PublishFs = { ...nodePublishFs, fsyncFile: () => Promise.reject(errnoError('ENOSPC')) };
    const error = await failure(publishBackup(dir, DEVICE, NOW, partialWriter(1000), fsOps));
    expect(error.message).toMatch(/full/);
    unchanged();
  });

  it('reports a backup folder that is gone (unplugged) before or during the backup', async () => {
    const root = tempDir();
    const missing = path.join(root, 'usb-drive');
    const before = await failure(publishBackup(missing, DEVICE, NOW, partialWriter(10)));
    expect(before.code).toBe('BACKUP_FOLDER_UNAVAILABLE');
    expect(before.message).toMatch(/no longer there.*reconnect the disk/);
    expect(before.message).not.toContain(root);

    const { dir } = await folderWithBackups();
    const during = await failure(
      publishBackup(dir, DEVICE, NOW, async (p) => {
        await partialWriter(10)(p);
        fs.rmSync(dir, { recursive: true }); // the drive is pulled out mid-backup
        await fs.promises.appendFile(p, 'more', { flag: 'r+' });
      }),
    );
    expect(during.message).toMatch(/no longer there/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('reports a folder it may not write to', async () => {
    const { dir, unchanged } = await folderWithBackups();
    // Tests run as root, so a read-only folder cannot be made for real.
    const fsOps: PublishFs = { ...nodePublishFs, fsyncFile: () => Promise.reject(errnoError('EACCES')) };
    const error = await failure(publishBackup(dir, DEVICE, NOW, partialWriter(10), fsOps));
    expect(error.code).toBe('BACKUP_FOLDER_UNAVAILABLE');
    expect(error.message).toMatch(/not allowed to write to the backup folder/);
    unchanged();
  });

  it.each([
    ['with hard links', false],
    ['on a file system without hard links', true],
  ])('never replaces a file that already has the final name (%s)', async (_how, noLinks) => {
    const link = noLinks ? vi.spyOn(fsp, 'link').mockRejectedValue(errnoError('EPERM')) : null;
    const { dir } = await folderWithBackups();
    let squatter = '';
    const error = await failure(
      publishBackup(dir, DEVICE, NOW, async (p) => {
        squatter = p.slice(0, -'.partial'.length); // e.g. a sync tool brought in the same name
        fs.writeFileSync(squatter, 'not ours');
        await partialWriter(100)(p);
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(fs.readFileSync(squatter, 'utf8')).toBe('not ours');
    expect(fs.existsSync(`${squatter}.partial`)).toBe(false);
    if (link) expect(link).toHaveBeenCalled();
  });

  it('removes the renamed file when the folder cannot be flushed, so nothing half-saved remains', async () => {
    const { dir, unchanged } = await folderWithBackups();
    const fsOps: PublishFs = { ...nodePublishFs, fsyncDir: () => Promise.reject(errnoError('EIO')) };
    const error = await failure(publishBackup(dir, DEVICE, NOW, partialWriter(10), fsOps));
    expect(error.code).toBe('STORAGE_UNAVAILABLE');
    unchanged();
  });

  it.skipIf(process.platform === 'win32')('ignores folders that cannot be fsynced on this platform, but not disk errors', async () => {
    const dir = tempDir();
    vi.spyOn(fsp, 'open').mockRejectedValueOnce(errnoError('EISDIR')).mockRejectedValueOnce(errnoError('EINVAL'));
    await expect(nodePublishFs.fsyncDir(dir)).resolves.toBeUndefined();
    await expect(nodePublishFs.fsyncDir(dir)).resolves.toBeUndefined();
    vi.mocked(fsp.open).mockRejectedValueOnce(errnoError('EIO'));
    await expect(nodePublishFs.fsyncDir(dir)).rejects.toMatchObject({ code: 'EIO' });
  });
});
