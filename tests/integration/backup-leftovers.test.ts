import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listBackups, backupFileName, partialName } from '../../electron/core/backup/backup-files';
import { deviceIdOf } from '../../electron/core/backup/backup-service';
import { PARTIAL_IDLE_MS } from '../../electron/core/backup/leftovers';
import { hostRef, LOCK_FILE } from '../../electron/core/backup/prune-lock';
import { bundleChild } from '../support/child-bundle';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, type AccessWorld } from './access-helpers';
import { jobInput } from './backup-helpers';

let child: { file: string; remove(): void };
beforeAll(async () => {
  child = await bundleChild(path.join(__dirname, 'backup-crash.child.ts'), 'backup-leftovers-child');
}, 60_000);
afterAll(() => child?.remove());

/** Kills a real backup of this vault after its first encrypted chunk, as a crash or power cut would. */
function crashBackup(w: AccessWorld, folder: string, deviceId: string): void {
  const jobFile = path.join(tempDir(), 'job.json');
  const material = w.core.vault.backupMaterial();
  fs.writeFileSync(jobFile, JSON.stringify({ ...jobInput(w.core, folder), deviceId, key: material.key.toString('hex') }), { mode: 0o600 });
  material.key.fill(0);
  const run = spawnSync(process.execPath, [child.file, jobFile], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, COFFER_FAULT_AT: 'container:after-first-chunk' } });
  expect(run.signal, run.stderr).toBe('SIGKILL');
}

/** The clock of the outside world: the file was last written long enough ago. */
function idle(file: string, ms = PARTIAL_IDLE_MS + 60_000): void {
  const then = new Date(Date.now() - ms);
  fs.utimesSync(file, then, then);
}

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describeKeychain('leftovers of a crashed backup', () => {
  it("are removed at start and before the next backup: scratch snapshot, this device's .partial, a dead pruner's lock", async () => {
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder });
    expect(await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {})).toMatchObject({ ok: true });
    // More than one 1 MiB chunk, so the crash leaves a real partial file.
    const update = w.core.vault.db().prepare('UPDATE customers SET notes = ? WHERE id = ?');
    for (let id = 1; id <= 3; id += 1) update.run(`笔记 ${'x'.repeat(900_000)} ${id}`, id);
    const deviceId = deviceIdOf(w.profileDir);
    const scratch = path.join(w.profileDir, 'scratch');
    const otherPartial = path.join(folder, partialName(backupFileName('0bec7ed0', new Date(Date.now() - 3600_000))));
    fs.writeFileSync(otherPartial, 'another device is writing this');
    idle(otherPartial, 24 * 3600_000);

    const leave = async () => {
      crashBackup(w, folder, deviceId);
      const partials = (await listBackups(folder)).filter((b) => b.kind === 'partial' && b.deviceId === deviceId);
      expect(partials).toHaveLength(1);
      expect(fs.readdirSync(scratch).filter((n) => n.startsWith('snapshot-')).length).toBeGreaterThan(0);
      idle(partials[0]!.path);
      fs.writeFileSync(path.join(folder, LOCK_FILE), JSON.stringify({ deviceId, pid: deadPid(), at: new Date().toISOString(), host: hostRef() }));
    };
    const gone = async () => {
      expect(fs.readdirSync(scratch)).toEqual([]);
      expect((await listBackups(folder)).filter((b) => b.kind === 'partial').map((b) => b.path)).toEqual([otherPartial]);
      expect(fs.existsSync(path.join(folder, LOCK_FILE))).toBe(false);
    };

    await leave();
    await w.core.start();
    await w.core.backups.settled();
    await gone();

    await leave();
    const run = await w.router.dispatch(w.caller('owner'), 'backup.run', {});
    expect(run).toMatchObject({ ok: true });
    await w.core.backups.settled();
    await gone();
    expect((await listBackups(folder)).filter((b) => b.kind === 'complete')).toHaveLength(1);
    w.core.close();
  }, 180_000);
});
