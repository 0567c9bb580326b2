import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { parseRecoveryKey } from '../../electron/core/vault/recovery-key';
import { drillBackup } from '../../electron/core/backup/backup-jobs';
import { insertDrillReport } from '../../electron/core/backup/backup-repository';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld } from './access-helpers';
import { testKeychain, vaultFor } from './vault-helpers';
import { restoreOnNewComputer } from '../../electron/core/backup/restore-new-computer';

type Status = ChannelOutput<'backup.status'>;
type Report = ChannelOutput<'backup.drill'>;

describeKeychain('backups and drills through the router, in a worker thread', () => {
  it('backs up 50 times while a writer keeps inserting, and every backup passes the drill', async () => {
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder });
    const o = w.caller('owner');
    expect(await w.router.dispatch(o, 'settings.chooseBackupFolder', {})).toMatchObject({ ok: true });
    const before = (await w.router.dispatch(o, 'backup.status', {})) as { ok: true; value: Status };
    expect(before.value.warnings).toEqual(expect.arrayContaining(['no-backup', 'no-drill']));
    expect(before.value.warnings).not.toContain('stale');
    expect(await w.router.dispatch(w.caller('sales'), 'backup.run', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    let inserted = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const made = await w.router.dispatch(w.caller('manager'), 'customers.create', { name: `写入 ${inserted}`, tags: ['load'] });
        if (made.ok) inserted += 1;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const counts: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const run = await w.router.dispatch(o, 'backup.run', {});
      if (!run.ok) throw new Error(run.error.code);
      const drill = await w.router.dispatch(o, 'backup.drill', { fileName: (run.value as { fileName: string }).fileName });
      if (!drill.ok) throw new Error(drill.error.code);
      const report = drill.value as Report;
      expect(report.passed, JSON.stringify(report.checks)).toBe(true);
      counts.push(inserted);
    }
    writing = false;
    await writer;
    // The writer really ran during the backups, not only before or after them.
    expect(inserted).toBeGreaterThan(50);
    expect(new Set(counts).size).toBeGreaterThan(10);
    const after = (await w.router.dispatch(o, 'backup.status', {})) as { ok: true; value: Status };
    expect(after.value.lastSuccessAt).not.toBeNull();
    expect(after.value.lastDrill).toMatchObject({ passed: true });
    expect(after.value.warnings).not.toContain('stale');
    expect(after.value.warnings).not.toContain('no-drill');
    // Retention keeps the newest of today (plus the one just written, if both share a second),
    // once the pruning that follows each backup has run.
    await w.core.backups.settled();
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.cofferbak')).length).toBeLessThanOrEqual(2);
    expect(fs.readdirSync(folder).filter((f) => f.includes('partial'))).toEqual([]);
    const audit = w.core.vault.db().prepare("SELECT action, outcome, count(*) AS n FROM audit_log WHERE action IN ('backup.run', 'backup.drill') GROUP BY action, outcome").all();
    expect(audit).toEqual([
      { action: 'backup.drill', outcome: 'ok', n: 50 },
      { action: 'backup.run', outcome: 'ok', n: 50 },
    ]);
    w.core.close();
  }, 240_000);

  it('a flipped byte fails the drill as corrupt; a vanished folder is reported and retried; the recovery key alone opens a backup', async () => {
    let clock = Date.now();
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder, now: () => clock });
    const o = w.caller('owner');
    await w.router.dispatch(o, 'settings.chooseBackupFolder', {});
    await w.router.dispatch(o, 'settings.setIdleMinutes', { minutes: 240 });
    expect(await w.core.backups.tick()).toBe('ran'); // never backed up: due at once
    expect(await w.core.backups.tick()).toBe('idle');
    const [file] = fs.readdirSync(folder).filter((f) => f.endsWith('.cofferbak'));
    const full = path.join(folder, file!);

    // The recovery key alone (no keychain, no vault key) opens and checks it.
    const material = w.core.vault.backupMaterial();
    const byRecovery = await drillBackup({ file: full, recoverySecret: parseRecoveryKey(w.recoveryKey), nativeBinding: undefined, scratchDir: tempDir(), now: new Date().toISOString() });
    expect(byRecovery.passed).toBe(true);
    const wrong = await drillBackup({ file: full, recoverySecret: Buffer.alloc(20, 1), nativeBinding: undefined, scratchDir: tempDir(), now: new Date().toISOString() });
    expect([wrong.passed, wrong.firstFailure, wrong.checks[0]!.detail]).toEqual([false, 'key', 'WRONG_KEY']);
    material.key.fill(0);

    const bytes = fs.readFileSync(full);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 40) ^ 0x80, bytes.length - 40);
    fs.writeFileSync(full, bytes);
    const drill = await w.router.dispatch(o, 'backup.drill', {});
    expect(drill).toMatchObject({ ok: true, value: { passed: false, firstFailure: 'authenticate' } });
    expect(fs.readdirSync(path.join(w.core.vault.backupMaterial().profileDir, 'scratch'))).toEqual([]);

    fs.rmSync(folder, { recursive: true }); // the USB disk is unplugged
    expect(await w.router.dispatch(o, 'backup.run', {})).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_UNAVAILABLE' } });
    const status = (await w.router.dispatch(o, 'backup.status', {})) as { ok: true; value: Status };
    expect(status.value.lastFailure).toMatchObject({ code: 'BACKUP_FOLDER_UNAVAILABLE' });
    fs.mkdirSync(folder); // plugged back in
    clock += 5 * 60_000;
    expect(await w.core.backups.tick()).toBe('idle'); // retried after 15 minutes, not at once
    clock += 11 * 60_000;
    expect(await w.core.backups.tick()).toBe('ran');
    w.core.close();
  }, 120_000);
});

describeKeychain('the drill reminder', () => {
  it('no-drill until one passes; drill-failed while the newest failed; drill-missed after the interval plus 7 days since the last pass, however many failed since', async () => {
    let clock = Date.parse('2026-11-01T10:00:00Z');
    const w = await accessWorld({ now: () => clock });
    const db = w.core.vault.db();
    const report = (passed: boolean) => ({ backup: 'x.cofferbak', backupCreatedAt: null, recoveryPointMs: null, restoreMs: 1, passed, firstFailure: passed ? null : ('authenticate' as const), checks: [] });
    // The service directly: a month of fake time would lock every idle session.
    const warnings = async () => w.core.backups.status().warnings;
    expect(await warnings()).toContain('no-drill');
    expect(await warnings()).not.toContain('drill-missed');
    insertDrillReport(db, report(true), new Date(clock).toISOString(), null);
    expect(await warnings()).not.toContain('no-drill');
    expect(await warnings()).not.toContain('drill-failed');
    for (let i = 0; i < 25; i += 1) insertDrillReport(db, report(false), new Date(clock + i * 60_000).toISOString(), null);
    expect(await warnings()).not.toContain('no-drill');
    expect(await warnings()).toContain('drill-failed');
    clock += 36 * 24 * 3_600_000; // the default 30 days plus 7 of grace, not yet over
    expect(await warnings()).not.toContain('drill-missed');
    clock += 2 * 24 * 3_600_000;
    expect(await warnings()).toContain('drill-missed');
    insertDrillReport(db, report(true), new Date(clock).toISOString(), null);
    expect(await warnings()).not.toContain('drill-missed');
    expect(await warnings()).not.toContain('drill-failed');
    w.core.close();
  });
});

describeKeychain('npx coffer backup verify (the built command line)', () => {
  it('passes a good backup with the recovery key file, and exits 1 on a damaged one, 2 on a bad key file', async () => {
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder });
    await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {});
    const run = (await w.router.dispatch(w.caller('owner'), 'backup.run', {})) as { ok: true; value: { fileName: string } };
    w.core.close();
    const file = path.join(folder, run.value.fileName);
    const keyFile = path.join(tempDir(), 'recovery.txt');
    fs.writeFileSync(keyFile, `Coffer recovery key\n${w.recoveryKey.toLowerCase()}\n`);
    const cli = (args: string[]) => spawnSync(process.execPath, [path.resolve('out/main/cli.js'), ...args], { encoding: 'utf8' });

    const good = cli(['backup', 'verify', file, '--recovery-key-file', keyFile]);
    expect(good.stdout).toContain('Result: PASSED');
    expect(good.stdout).toContain('PASS  audit-chain');
    expect(good.status).toBe(0);

    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(200) ^ 0x01, 200);
    fs.writeFileSync(file, bytes);
    const bad = cli(['backup', 'verify', file, '--recovery-key-file', keyFile]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/FAIL {2}(key|authenticate)/);

    fs.writeFileSync(keyFile, 'not a key');
    expect(cli(['backup', 'verify', file, '--recovery-key-file', keyFile]).status).toBe(2);
    expect(cli(['backup', 'verify', file]).status).toBe(2);
  }, 60_000);
});

describeKeychain('restore on a new computer', () => {
  it('an empty profile and an empty keychain, a backup file and the recovery key: the vault comes back, the keychain holds its key', async () => {
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder });
    await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {});
    const run = (await w.router.dispatch(w.caller('owner'), 'backup.run', {})) as { ok: true; value: { fileName: string } };
    const customersBefore = w.core.vault.db().prepare('SELECT id, name FROM customers ORDER BY id').all();
    w.core.close();
    const file = path.join(folder, run.value.fileName);

    const { keychain } = testKeychain(); // another service name: an empty keychain
    const profile = path.join(tempDir(), 'profile');
    const vault = vaultFor(profile, keychain);
    expect(vault.state()).toBe('needs-setup');
    await expect(restoreOnNewComputer(vault, profile, file, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA')).rejects.toMatchObject({ code: expect.stringMatching(/RECOVERY_KEY_TYPO|WRONG_KEY/) });
    expect(fs.existsSync(path.join(profile, 'coffer.db'))).toBe(false);
    const report = await restoreOnNewComputer(vault, profile, file, w.recoveryKey);
    expect(report.passed).toBe(true);
    expect(vault.db().prepare('SELECT id, name FROM customers ORDER BY id').all()).toEqual(customersBefore);
    vault.close();
    // The next start opens it from this computer's keychain, without the recovery key.
    const again = vaultFor(profile, keychain);
    await again.unlockFromKeychain();
    expect(again.db().prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: customersBefore.length });
    again.close();
    await expect(restoreOnNewComputer(again, profile, file, w.recoveryKey)).rejects.toMatchObject({ code: 'VAULT_ALREADY_SET_UP' });
  }, 60_000);
});
