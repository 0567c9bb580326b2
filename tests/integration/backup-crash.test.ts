import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listBackups } from '../../electron/core/backup/backup-files';
import { drillBackup } from '../../electron/core/backup/backup-jobs';
import { bundleChild } from '../support/child-bundle';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld } from './access-helpers';
import { jobInput } from './backup-helpers';

const STEPS = ['backup:after-snapshot', 'container:after-first-chunk', 'publish:after-write', 'publish:after-fsync', 'publish:after-rename', 'publish:after-dir-fsync', 'backup:before-prune'];

/** Steps after which the new backup has its final name (and so must be complete). */
const AFTER_RENAME = ['publish:after-rename', 'publish:after-dir-fsync', 'backup:before-prune'];

let child: { file: string; remove(): void };
beforeAll(async () => {
  child = await bundleChild(path.join(__dirname, 'backup-crash.child.ts'), 'backup-crash-child');
}, 60_000);
afterAll(() => child.remove());

describeKeychain('a backup killed at each step of publishing', () => {
  it('leaves either no new backup or a complete one that passes the drill; earlier backups stay byte-identical', async () => {
    const w = await accessWorld();
    // More than one 1 MiB chunk, so a kill after the first chunk leaves a real partial file.
    const insert = w.core.vault.db().prepare("UPDATE customers SET notes = ? WHERE id = ?");
    for (let id = 1; id <= 3; id += 1) insert.run(`笔记 ${'x'.repeat(900_000)} ${id}`, id);
    const folder = tempDir('coffer-backups-');
    const jobFile = path.join(tempDir(), 'job.json');
    const material = w.core.vault.backupMaterial();
    const write = () => fs.writeFileSync(jobFile, JSON.stringify({ ...jobInput(w.core, folder), key: material.key.toString('hex'), now: new Date().toISOString() }), { mode: 0o600 });
    write();
    const first = spawnSync(process.execPath, [child.file, jobFile], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, COFFER_FAULT_AT: '' } });
    expect(first.status, first.stderr).toBe(0);
    const earlier = path.join(folder, first.stdout.trim());
    const earlierBytes = fs.readFileSync(earlier);

    for (const step of STEPS) {
      write();
      const run = spawnSync(process.execPath, [child.file, jobFile], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, COFFER_FAULT_AT: step } });
      expect(run.signal, step).toBe('SIGKILL');
      expect(fs.readFileSync(earlier).equals(earlierBytes), step).toBe(true);
      const listed = await listBackups(folder);
      // Anything that looks complete must be complete: it passes the drill.
      for (const file of listed.filter((b) => b.kind === 'complete')) {
        const report = await drillBackup({ file: file.path, key: { keyId: material.keyId, key: material.key }, nativeBinding: undefined, scratchDir: tempDir(), now: new Date().toISOString() });
        expect(report.passed, `${step}: ${file.name} ${JSON.stringify(report.checks)}`).toBe(true);
      }
      const complete = listed.filter((b) => b.kind === 'complete').length;
      expect(complete, step).toBe(AFTER_RENAME.includes(step) ? 2 : 1);
      // Leftovers are named as partial, never as a backup; clean up for the next step.
      for (const b of listed) if (b.kind === 'partial') fs.rmSync(b.path);
      for (const b of listed) if (b.kind === 'complete' && b.path !== earlier) fs.rmSync(b.path);
    }
    // And the next run (the retry) succeeds.
    write();
    expect(spawnSync(process.execPath, [child.file, jobFile], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, COFFER_FAULT_AT: '' } }).status).toBe(0);
    material.key.fill(0);
    w.core.close();
  }, 180_000);
});
