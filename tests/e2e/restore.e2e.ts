import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { generateRecoveryKey } from '../../electron/core/vault/recovery-key';
import { createAppRouter } from '../../electron/ipc';
import type { Router } from '../../electron/ipc/router';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsOff } from './approval-policy';
import { E2E_KEYCHAIN_SERVICE, launchApp, signIn, type TestApp } from './harness';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const MANAGER = { username: 'mei', displayName: 'Mei', password: 'Copper-Kettle-58' };
const RESTORE_SLOW = { timeout: 45_000 };

async function ok(router: Router, senderId: string, channel: string, input: unknown): Promise<unknown> {
  const result = await router.dispatch({ senderId }, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value;
}

/** A vault with an owner and two customers, made through the router; optionally a manager and a backup in `folder`. */
async function seedVault(profileDir: string, options: { folder?: string; manager?: boolean; rotateAfter?: boolean } = {}): Promise<{ recoveryKey: string; backup: string | null }> {
  const folder = options.folder;
  const core = createCore({ profileDir, appVersion: 'seed', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE), pickFolder: async () => folder ?? null });
  const router = createAppRouter(core);
  try {
    const { recoveryKey } = (await ok(router, 'seed', 'setup.begin', { owner: OWNER })) as { recoveryKey: string };
    await ok(router, 'seed', 'setup.complete', { recoveryKeyEnding: recoveryKey.slice(-9), confirmedStored: true });
    // A restore (and a new manager) needs a second person's approval by default; this file is about
    // the restore itself (approvals.e2e.ts is about the approval). The backup keeps this policy too.
    await approvalsOff(router, 'seed', ['backup.restore', 'users.create']);
    await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678' });
    await ok(router, 'seed', 'customers.create', { name: 'Before Backup Ltd', mobile: '13700001111' });
    if (options.manager) await ok(router, 'seed', 'users.create', { ...MANAGER, role: 'manager' });
    if (!folder) return { recoveryKey, backup: null };
    await ok(router, 'seed', 'settings.chooseBackupFolder', {});
    const { fileName } = (await ok(router, 'seed', 'backup.run', {})) as { fileName: string };
    if (options.rotateAfter) await ok(router, 'seed', 'vault.rotateKey', { password: OWNER.password });
    return { recoveryKey, backup: fileName };
  } finally {
    core.close();
  }
}

const backupsIn = (folder: string) => fs.readdirSync(folder).filter((f) => f.endsWith('.cofferbak'));

async function customerNames(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Customers', exact: true }).click();
  await page.getByTestId('customers-table').waitFor();
  await page.getByTestId('customer-row').first().waitFor();
  return page.getByTestId('customers-table').innerText();
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('restore from a backup, in Chromium', () => {
  it('the owner restores from the Backups page: wrong password first, then the vault is replaced, everyone signs in again, the safety copy is listed', async () => {
    const profileDir = tempDir('coffer-e2e-restore-');
    const folder = tempDir('coffer-e2e-restore-backups-');
    await seedVault(profileDir);
    app = await launchApp({ profileDir, core: { pickFolder: async () => folder } });
    const { page } = app;
    await signIn(app, OWNER);

    await page.getByRole('button', { name: 'Backups', exact: true }).first().click();
    await page.getByRole('button', { name: 'Choose backup folder…' }).click();
    await page.getByTestId('backup-destination').getByText(folder).waitFor();
    // The new folder's first backup runs by itself.
    const listed = page.getByTestId('backup-file');
    await expect.poll(() => listed.count()).toBe(1);
    const [backup] = backupsIn(folder);

    // The row's action opens the panel on that backup; Escape closes it.
    await listed.getByRole('button', { name: /^Restore… \(backup of / }).click();
    const panel = page.getByTestId('restore-panel');
    expect(await panel.getByTestId('restore-backup').inputValue()).toBe(backup);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // Made after the backup (in another window): only the safety copy will have it.
    await ok(app.router, 'other-window', 'session.login', { username: OWNER.username, password: OWNER.password });
    await ok(app.router, 'other-window', 'customers.create', { name: 'After Backup Ltd', mobile: '13800002222' });

    // The app menu's Backups > Restore from Backup…, from another page.
    await page.getByRole('button', { name: 'Home', exact: true }).click();
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('coffer:menu', { detail: 'backups.restore' })));
    await panel.waitFor();
    expect(await panel.getByTestId('restore-backup').inputValue()).toBe(backup);
    const password = panel.getByLabel('Your password, to confirm');
    const submit = panel.getByRole('button', { name: 'Restore', exact: true });
    await password.fill('Wrong-Password-99');
    expect(await submit.isDisabled()).toBe(true); // not before the explicit confirmation
    await panel.getByTestId('restore-confirm').check();
    await submit.click();
    await panel.getByText('That password is not right.').waitFor();
    await page.getByTestId('signed-in-as').waitFor();
    expect(app.core.vault.state()).toBe('unlocked');
    expect(backupsIn(folder)).toEqual([backup]);

    await password.fill(OWNER.password);
    await password.press('Enter');
    await panel.getByTestId('restore-progress').waitFor();
    const notice = page.getByTestId('login-notice');
    await notice.waitFor(RESTORE_SLOW);
    const safetyCopy = backupsIn(folder).find((f) => f !== backup);
    expect(safetyCopy).toBeDefined();
    expect(backupsIn(folder)).toContain(backup); // the safety copy's pruning spares the backup restored
    expect(await notice.innerText()).toMatch(new RegExp(`^Restored from the backup of .+\\. A safety copy of the previous data is ${safetyCopy}\\. Sign in again\\.$`));
    // Every session ended, this window's and the other one's.
    expect(app.core.status('e2e-page').session).toBeFalsy();
    expect(app.core.status('other-window').session).toBeFalsy();

    await signIn(app, OWNER);
    expect(await page.getByTestId('login-notice').count()).toBe(0);
    const names = await customerNames(page);
    expect(names).toContain('Before Backup Ltd');
    expect(names).not.toContain('After Backup Ltd');
    await page.getByRole('button', { name: 'Backups', exact: true }).first().click();
    await page.getByTestId('backup-files').locator(`[data-name="${safetyCopy}"]`).waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('a new computer restores from a backup file: a wrong recovery key is refused, the right one opens the sign-in screen', async () => {
    const folder = tempDir('coffer-e2e-restore-backups-');
    const { recoveryKey, backup } = await seedVault(tempDir('coffer-e2e-restore-source-'), { folder });
    app = await launchApp({ core: { pickBackupFile: async () => path.join(folder, backup!) } });
    const { page } = app;

    await page.getByTestId('setup-owner').waitFor();
    await page.getByRole('button', { name: 'Restore from a backup (new computer)' }).click();
    const step = page.getByTestId('setup-restore');
    await step.getByRole('button', { name: 'Choose backup file…' }).click();
    await step.getByTestId('restore-file').getByText(backup!).waitFor();

    const other = generateRecoveryKey();
    other.secret.fill(0);
    const keyField = step.getByLabel('Recovery key');
    await keyField.fill(other.text);
    await step.getByRole('button', { name: 'Restore', exact: true }).click();
    const error = step.getByTestId('error');
    await error.waitFor(RESTORE_SLOW);
    expect(await error.getAttribute('data-code')).toBe('WRONG_KEY');
    expect(await error.innerText()).toContain('does not open this backup');
    expect(app.core.vault.state()).toBe('needs-setup');

    await keyField.fill(recoveryKey);
    await keyField.press('Enter');
    const notice = page.getByTestId('login-notice');
    await notice.waitFor(RESTORE_SLOW);
    expect(await notice.innerText()).toMatch(/^Restored 2 customers from the backup of .+\. Sign in with your usual username and password\.$/);

    await signIn(app, OWNER);
    const names = await customerNames(page);
    expect(names).toContain('王伟');
    expect(names).toContain('Before Backup Ltd');
    expect(app.pageErrors).toEqual([]);
  });

  it('a backup from before a key change asks for the recovery key, then restores', async () => {
    const profileDir = tempDir('coffer-e2e-restore-');
    const folder = tempDir('coffer-e2e-restore-backups-');
    const { recoveryKey, backup } = await seedVault(profileDir, { folder, rotateAfter: true });
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);

    await page.evaluate(() => window.dispatchEvent(new CustomEvent('coffer:menu', { detail: 'backups.restore' })));
    const panel = page.getByTestId('restore-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('restore-backup').inputValue()).toBe(backup);
    expect(await panel.getByLabel('Recovery key').count()).toBe(0);
    await panel.getByLabel('Your password, to confirm').fill(OWNER.password);
    await panel.getByTestId('restore-confirm').check();
    await panel.getByRole('button', { name: 'Restore', exact: true }).click();
    await panel.locator('[data-testid="error"][data-code="RECOVERY_KEY_REQUIRED"]').waitFor();
    expect(backupsIn(folder)).toEqual([backup]);

    await panel.getByLabel('Recovery key').fill(recoveryKey);
    await panel.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByTestId('login-notice').waitFor(RESTORE_SLOW);
    // Rewrapped to the current key: the keychain's key still opens the restored vault.
    await signIn(app, OWNER);
    expect(await customerNames(page)).toContain('Before Backup Ltd');
    expect(app.pageErrors).toEqual([]);
  });

  it('a manager sees the backups but no Restore action, and the menu command does not open the panel', async () => {
    const profileDir = tempDir('coffer-e2e-restore-');
    const folder = tempDir('coffer-e2e-restore-backups-');
    await seedVault(profileDir, { folder, manager: true });
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, MANAGER);

    await page.getByRole('button', { name: 'Backups', exact: true }).first().click();
    await expect.poll(() => page.getByTestId('backup-file').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Restore…/ }).count()).toBe(0);

    await page.evaluate(() => window.dispatchEvent(new CustomEvent('coffer:menu', { detail: 'backups.restore' })));
    await page.getByTestId('restore-not-allowed').waitFor();
    expect(await page.getByTestId('restore-panel').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
