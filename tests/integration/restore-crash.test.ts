import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extractBackup } from '../../electron/core/backup/backup-jobs';
import { bundleChild } from '../support/child-bundle';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld } from './access-helpers';
import { vaultFor } from './vault-helpers';

let child: { file: string; remove(): void };
beforeAll(async () => {
  child = await bundleChild(path.join(__dirname, 'restore-crash.child.ts'), 'restore-crash-child');
}, 60_000);
afterAll(() => child.remove());

describeKeychain('a restore killed while the database file is swapped', () => {
  it('leaves the old vault or the restored one, each opening from the keychain; the retry after the first kill completes', async () => {
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder });
    await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {});
    const run = (await w.router.dispatch(w.caller('owner'), 'backup.run', {})) as { ok: true; value: { fileName: string } };
    await w.router.dispatch(w.caller('owner'), 'customers.create', { name: 'Only in the live vault' });
    const material = w.core.vault.backupMaterial();
    w.core.close();
    const incoming = path.join(w.profileDir, 'coffer.db.restoring');
    const count = () => {
      const vault = vaultFor(w.profileDir, w.keychain);
      return vault.unlockFromKeychain().then(() => {
        const n = (vault.db().prepare("SELECT count(*) AS n FROM customers WHERE name = 'Only in the live vault'").get() as { n: number }).n;
        vault.close();
        return n;
      });
    };

    // Killed before the rename: the old vault (and a leftover aside file the next restore replaces);
    // killed after it: the restored vault. Never no vault, never one that does not open.
    for (const [step, expected] of [['restore:after-aside', 1], ['restore:after-swap', 0]] as const) {
      await extractBackup({ file: path.join(folder, run.value.fileName), key: material.key, dest: incoming, nativeBinding: undefined });
      const killed = spawnSync(process.execPath, [child.file, w.profileDir, w.keychainService, incoming], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, COFFER_FAULT_AT: step } });
      expect(killed.signal, `${step}: ${killed.stderr}`).toBe('SIGKILL');
      expect(await count(), step).toBe(expected);
      fs.rmSync(incoming, { force: true });
    }
    material.key.fill(0);
  }, 120_000);
});
