import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { drillBackup, takeBackup } from '../../electron/core/backup/backup-jobs';
import { failingCipherPages } from '../../electron/core/backup/snapshot';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld } from './access-helpers';
import { jobInput } from './backup-helpers';

describeKeychain('backup and restore drill on a real vault', () => {
  it('a backup taken while the app writes passes every drill check; the drill wipes its scratch copy', async () => {
    const w = await accessWorld();
    const folder = tempDir('coffer-backups-');
    const result = await takeBackup(jobInput(w.core, folder));
    expect(result.fileName).toMatch(/^coffer-a1b2c3d4-\d{8}T\d{6}Z-[0-9a-f]{6}\.cofferbak$/);
    expect(result.manifest.tables.customers).toBe(3);
    expect(result.manifest.auditHead?.seq).toBeGreaterThan(0);
    const material = w.core.vault.backupMaterial();
    const report = await drillBackup({ file: path.join(folder, result.fileName), key: { keyId: material.keyId, key: material.key }, nativeBinding: undefined, scratchDir: path.join(material.profileDir, 'scratch'), now: new Date().toISOString() });
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['key', true],
      ['authenticate', true],
      ['open', true],
      ['integrity', true],
      ['cipher-integrity', true],
      ['foreign-keys', true],
      ['row-counts', true],
      ['audit-chain', true],
      ['audit-anchors', true],
      ['erased-absent', true],
    ]);
    expect(report.passed).toBe(true);
    expect(fs.readdirSync(path.join(material.profileDir, 'scratch'))).toEqual([]);
    w.core.close();
  });
});

describeKeychain('a backup is read back before it is named complete', () => {
  it('a byte the disk changed after the write is caught: no complete file, earlier backups untouched, a clear error', async () => {
    const w = await accessWorld();
    const folder = tempDir('coffer-backups-');
    const first = await takeBackup(jobInput(w.core, folder));
    const earlier = fs.readFileSync(path.join(folder, first.fileName));
    const steps: string[] = [];
    const failingDisk = {
      afterWrite: async (partial: string) => {
        const bytes = fs.readFileSync(partial);
        bytes[bytes.length - 100]! ^= 0x10;
        fs.writeFileSync(partial, bytes);
      },
    };
    await expect(takeBackup({ ...jobInput(w.core, folder), now: new Date(Date.now() + 2000).toISOString() }, (s) => steps.push(s), failingDisk)).rejects.toMatchObject({
      code: 'BACKUP_CORRUPT',
      message: expect.stringContaining('did not read back'),
    });
    expect(steps).toContain('verify');
    expect(fs.readdirSync(folder)).toEqual([first.fileName]);
    expect(fs.readFileSync(path.join(folder, first.fileName)).equals(earlier)).toBe(true);
    w.core.close();
  });
});

describeKeychain('the cipher-level page check', () => {
  it('passes every page of a real vault snapshot and names a page whose ciphertext changed', async () => {
    const w = await accessWorld();
    const folder = tempDir('coffer-backups-');
    const material = w.core.vault.backupMaterial();
    const snapshot = path.join(tempDir(), 'snap.db');
    w.core.vault.db().prepare('VACUUM INTO ?').run(snapshot);
    expect(await failingCipherPages(snapshot, material.key)).toEqual([]);
    const bytes = fs.readFileSync(snapshot);
    bytes.writeUInt8(bytes.readUInt8(4096 * 2 + 500) ^ 0x01, 4096 * 2 + 500); // page 3
    fs.writeFileSync(snapshot, bytes);
    expect(await failingCipherPages(snapshot, material.key)).toEqual([3]);
    expect(await failingCipherPages(snapshot, Buffer.alloc(32, 1))).not.toEqual([]);
    expect(fs.readdirSync(folder)).toEqual([]);
    w.core.close();
  });
});
