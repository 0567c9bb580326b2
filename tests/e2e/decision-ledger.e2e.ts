import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { createAppRouter } from '../../electron/ipc';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsOff } from './approval-policy';
import { E2E_KEYCHAIN_SERVICE, launchApp, signIn, type TestApp } from './harness';
import { ok } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const MANAGER = { username: 'mei', displayName: 'Mei', password: 'Copper-Kettle-58' };
const SLOW = { timeout: 45_000 };

/** An owner and a manager, a backup, then the manager disabled: a decision the backup does not have. */
async function seed(folder: string, options: { laterBackup?: boolean } = {}): Promise<{ recoveryKey: string; backup: string }> {
  const core = createCore({ profileDir: tempDir('coffer-e2e-ledger-source-'), appVersion: 'seed', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE), pickFolder: async () => folder });
  const router = createAppRouter(core);
  try {
    const { recoveryKey } = (await ok(router, 'seed', 'setup.begin', { owner: OWNER })) as { recoveryKey: string };
    await ok(router, 'seed', 'setup.complete', { recoveryKeyEnding: recoveryKey.slice(-9), confirmedStored: true });
    await approvalsOff(router, 'seed', ['backup.restore', 'users.create', 'users.setStatus']);
    await ok(router, 'seed', 'users.create', { ...MANAGER, role: 'manager' });
    await ok(router, 'seed', 'settings.chooseBackupFolder', {});
    const { fileName } = (await ok(router, 'seed', 'backup.run', {})) as { fileName: string };
    await ok(router, 'seed', 'users.setStatus', { username: MANAGER.username, status: 'disabled' });
    await core.ledger.settled();
    if (options.laterBackup) {
      // A backup after the decision, and no side file anywhere: the later backup stands in for it.
      // Retention keeps one backup a day, so the first is put back as an older day's would be there.
      const kept = fs.readFileSync(path.join(folder, fileName));
      await ok(router, 'seed', 'backup.run', {});
      await core.backups.settled();
      fs.writeFileSync(path.join(folder, fileName), kept);
      for (const f of fs.readdirSync(folder).filter((n) => n.endsWith('.cofferledger'))) fs.rmSync(path.join(folder, f));
    }
    return { recoveryKey, backup: fileName };
  } finally {
    core.close();
  }
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('decision ledger, in Chromium', () => {
  it('a new computer restores a backup from before a user was disabled: sign-in says one decision was re-applied, and the user stays disabled', async () => {
    const folder = tempDir('coffer-e2e-ledger-backups-');
    const { recoveryKey, backup } = await seed(folder);
    app = await launchApp({ core: { pickBackupFile: async () => path.join(folder, backup) } });
    const { page } = app;
    await page.getByTestId('setup-owner').waitFor();
    await page.getByRole('button', { name: 'Restore from a backup (new computer)' }).click();
    const step = page.getByTestId('setup-restore');
    await step.getByRole('button', { name: 'Choose backup file…' }).click();
    await step.getByTestId('restore-file').getByText(backup).waitFor();
    await step.getByLabel('Recovery key').fill(recoveryKey);
    await step.getByRole('button', { name: 'Restore', exact: true }).click();

    const reapplied = page.getByTestId('ledger-reapplied');
    await reapplied.waitFor(SLOW);
    expect(await reapplied.getAttribute('data-count')).toBe('1');
    expect(await reapplied.innerText()).toContain(': 1.');
    expect(await page.getByTestId('ledger-side-file').count()).toBe(0); // the side file was found and authentic

    // The manager signs in with the password they had in the backup: refused, still disabled.
    await page.getByLabel('Username').fill(MANAGER.username);
    await page.getByLabel('Password').fill(MANAGER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').getAttribute('data-code')).toBe('FORBIDDEN');
    await signIn(app, OWNER);
    expect(app.pageErrors).toEqual([]);
  });

  it('a new computer without the side file: the decisions come from the newest backup, and sign-in says so with its date', async () => {
    const folder = tempDir('coffer-e2e-ledger-backups-');
    const { recoveryKey, backup } = await seed(folder, { laterBackup: true });
    app = await launchApp({ core: { pickBackupFile: async () => path.join(folder, backup) } });
    const { page } = app;
    await page.getByTestId('setup-owner').waitFor();
    await page.getByRole('button', { name: 'Restore from a backup (new computer)' }).click();
    const step = page.getByTestId('setup-restore');
    await step.getByRole('button', { name: 'Choose backup file…' }).click();
    await step.getByTestId('restore-file').getByText(backup).waitFor();
    await step.getByLabel('Recovery key').fill(recoveryKey);
    await step.getByRole('button', { name: 'Restore', exact: true }).click();

    const source = page.getByTestId('ledger-source');
    await source.waitFor({ timeout: 150_000 }); // two backups decrypted: the restored one and the later one
    expect(await source.getAttribute('data-source')).toBe('newest-backup');
    expect(await source.innerText()).toContain('newest backup');
    expect(await page.getByTestId('ledger-reapplied').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('ledger-side-file').count()).toBe(0); // the missing file is not the news: the stand-in is
    await page.getByLabel('Username').fill(MANAGER.username);
    await page.getByLabel('Password').fill(MANAGER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').getAttribute('data-code')).toBe('FORBIDDEN');
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});
