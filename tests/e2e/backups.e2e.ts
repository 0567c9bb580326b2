import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { createAppRouter } from '../../electron/ipc';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { E2E_KEYCHAIN_SERVICE, launchApp, signIn, type TestApp } from './harness';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('backups in Chromium', () => {
  it('the owner chooses a folder, backs up, runs a restore drill from the Backups page and reads its report', async () => {
    const profileDir = tempDir('coffer-e2e-backup-');
    const core = createCore({ profileDir, appVersion: 'seed', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE) });
    const router = createAppRouter(core);
    const begun = await router.dispatch({ senderId: 's' }, 'setup.begin', { owner: OWNER });
    const key = (begun as { ok: true; value: { recoveryKey: string } }).value.recoveryKey;
    await router.dispatch({ senderId: 's' }, 'setup.complete', { recoveryKeyEnding: key.slice(-9), confirmedStored: true });
    await router.dispatch({ senderId: 's' }, 'customers.create', { name: '王伟', mobile: '13912345678' });
    core.close();

    const folder = tempDir('coffer-e2e-backups-');
    app = await launchApp({ profileDir, core: { pickFolder: async () => folder } });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByTestId('dashboard-backup').waitFor();
    await page.getByRole('button', { name: 'Backups', exact: true }).first().click();
    const warnings = page.getByTestId('backup-warnings');
    await warnings.locator('[data-warning="no-folder"]').waitFor();
    await page.getByRole('button', { name: 'Choose backup folder…' }).click();
    await page.getByTestId('backup-destination').getByText(folder).waitFor();

    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(async () => (await page.getByTestId('backup-last').innerText()).includes('ago')).toBe(true);
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.cofferbak'))).toHaveLength(1);

    await page.getByRole('button', { name: 'Run restore drill' }).click();
    const report = page.getByTestId('drill-report');
    await report.getByTestId('drill-verdict').getByText('passed').waitFor();
    expect(await report.locator('[data-testid="drill-check"][data-ok="true"]').count()).toBe(9);
    await report.getByText('Audit chain').waitFor();
    await report.getByText('Audit log agrees with every backup').waitFor();
    expect(await warnings.locator('[data-warning="no-drill"]').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
