import fs from 'node:fs';
import path from 'node:path';
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
  it('the owner chooses a folder and its first backup runs at once, names read as dates, a restore drill says what it proved', async () => {
    const profileDir = tempDir('coffer-e2e-backup-');
    const core = createCore({ profileDir, appVersion: 'seed', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE) });
    const router = createAppRouter(core);
    const begun = await router.dispatch({ senderId: 's' }, 'setup.begin', { owner: OWNER });
    const key = (begun as { ok: true; value: { recoveryKey: string } }).value.recoveryKey;
    await router.dispatch({ senderId: 's' }, 'setup.complete', { recoveryKeyEnding: key.slice(-9), confirmedStored: true });
    await router.dispatch({ senderId: 's' }, 'customers.create', { name: '王伟', mobile: '13912345678' });
    // About 40 MB, so the first backup lasts long enough to watch its percentage.
    core.vault.db().prepare('UPDATE customers SET notes = ? WHERE id = 1').run(`笔记 ${'x'.repeat(40_000_000)}`);
    core.close();

    const folder = tempDir('coffer-e2e-backups-');
    app = await launchApp({ profileDir, core: { pickFolder: async () => folder } });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByTestId('dashboard-backup').waitFor();
    await page.getByRole('button', { name: 'Backups', exact: true }).first().click();
    const warnings = page.getByTestId('backup-warnings');
    await warnings.locator('[data-warning="no-folder"]').waitFor();
    // No backup yet is said as such, not as a backup "older than the schedule".
    await warnings.locator('[data-warning="no-backup"]').getByText('There is no backup yet.', { exact: false }).waitFor();
    expect(await warnings.locator('[data-warning="stale"]').count()).toBe(0);

    // Choosing the folder is enough: its first backup starts by itself.
    await page.getByRole('button', { name: 'Choose backup folder…' }).click();
    await page.getByTestId('backup-destination').getByText(folder).waitFor();
    await page.getByTestId('backup-first-run').waitFor();
    // The snapshot or the encryption, with how far it is.
    const measured = page.locator('[data-testid="backup-running"]:is([data-step="snapshot"], [data-step="encrypt"])');
    await measured.getByText(/(taking a snapshot|encrypting and saving)… \d{1,3}%/).waitFor();
    await expect.poll(async () => (await page.getByTestId('backup-last').innerText()).match(/just now|ago/) !== null, { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('backup-running').count()).toBe(0);
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.cofferbak'))).toHaveLength(1);
    expect(await warnings.locator('[data-warning="no-backup"]').count()).toBe(0);
    expect(await warnings.locator('[data-warning="stale"]').count()).toBe(0);

    // The list names the backup by when it was made, its size and that it was verified; the
    // file name is the small print.
    const file = page.getByTestId('backup-file').first();
    const fileName = (await file.getAttribute('data-name'))!;
    const when = await file.getByTestId('backup-file-when').innerText();
    expect(when).not.toContain(fileName);
    expect(when).toMatch(/20\d\d/);
    expect(when).toMatch(/\d{1,2}:\d{2}/);
    expect(await file.innerText()).toMatch(/\d+(\.\d+)? (kB|KB|MB)/);
    await file.getByTestId('backup-file-verified').getByText('verified').waitFor();
    expect(await file.getByTestId('backup-file-drilled').count()).toBe(0);

    await page.getByRole('button', { name: 'Run restore drill' }).click();
    const report = page.getByTestId('drill-report');
    await report.getByTestId('drill-verdict').getByText('passed').waitFor();
    // Ten checks since issue 16 added erased-absent (a person erased since would not come back).
    expect(await report.locator('[data-testid="drill-check"][data-ok="true"]').count()).toBe(10);
    await report.getByText('Audit chain').waitFor();
    await report.getByText('No one erased at their request comes back').waitFor();
    await report.getByText('Audit log agrees with every backup').waitFor();
    // Each check says in words what it proved.
    await report.getByText('Each table holds as many rows as when the backup was made.').waitFor();
    await report.getByText('Every part of the file decrypted and is exactly as it was written', { exact: false }).waitFor();
    await file.getByTestId('backup-file-drilled').getByText('restore drill passed').waitFor();
    expect(await warnings.locator('[data-warning="no-drill"]').count()).toBe(0);
    expect(await warnings.locator('[data-warning="drill-failed"]').count()).toBe(0);

    // The owner sets how often the worker drills a backup on its own; out of range is refused.
    const every = page.getByLabel('Restore drill every (days, 7–90)');
    expect(await every.inputValue()).toBe('30');
    await every.fill('14');
    await page.getByRole('form', { name: 'Schedule and retention' }).getByRole('button', { name: 'Save' }).click();
    const backups = app.core.backups;
    await expect.poll(() => backups.status().schedule.drillEveryDays).toBe(14);

    // A backup this window did not start (the schedule, the menu): the page polls nothing, main's
    // 'backup.' hint at its start and end brings it onto the page without a click.
    const hintsBefore = app.hintsSent.length;
    const scheduled = await app.core.backups.backup('schedule', null);
    await expect.poll(() => page.getByTestId('backup-file').first().getAttribute('data-name'), { timeout: 30_000 }).toBe(scheduled.fileName);
    expect(app.hintsSent.slice(hintsBefore)).toEqual([['backup.'], ['backup.']]);
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
  it('a second backup folder is shown with its own status: up to date, then not reachable when unplugged (the backup itself still ok), then removed', async () => {
    const profileDir = tempDir('coffer-e2e-second-');
    const core = createCore({ profileDir, appVersion: 'seed', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE) });
    const router = createAppRouter(core);
    const begun = await router.dispatch({ senderId: 's' }, 'setup.begin', { owner: OWNER });
    const key = (begun as { ok: true; value: { recoveryKey: string } }).value.recoveryKey;
    await router.dispatch({ senderId: 's' }, 'setup.complete', { recoveryKeyEnding: key.slice(-9), confirmedStored: true });
    core.close();

    const first = tempDir('coffer-e2e-first-');
    const second = tempDir('coffer-e2e-second-folder-');
    let pick = first;
    // Main's folder picker is played by the harness: it answers with whichever folder the test points at.
    app = await launchApp({ profileDir, core: { pickFolder: async () => pick } });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Backups', exact: true }).first().click();
    await page.getByRole('button', { name: 'Choose backup folder…' }).click();
    await expect.poll(async () => (await page.getByTestId('backup-last').innerText()).match(/just now|ago/) !== null, { timeout: 60_000 }).toBe(true);

    const card = page.getByTestId('second-folder');
    await card.getByText('Optional: each backup is also copied', { exact: false }).waitFor();
    pick = second;
    await card.getByRole('button', { name: 'Choose a second folder…' }).click();
    await card.getByTestId('second-folder-label').getByText(path.basename(second)).waitFor();
    // The page shows the folder's own name, not its path.
    expect(await card.innerText()).not.toContain(second);
    await card.getByTestId('second-folder-state').getByText('Waiting for the next backup').waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await card.locator('[data-testid="second-folder-state"][data-state="ok"]').getByText('Up to date').waitFor({ timeout: 60_000 });
    expect(fs.readdirSync(second).filter((f) => f.endsWith('.cofferbak'))).toHaveLength(1);

    // Unplugged: the backup succeeds in the first folder; the second says it was not reachable.
    await app.core.backups.settled(); // the first backup's pruning of both folders is done
    fs.renameSync(second, `${second}-away`);
    const before = app.core.backups.status().lastSuccessFile;
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => app!.core.backups.status().lastSuccessFile, { timeout: 120_000 }).not.toBe(before);
    await card.locator('[data-testid="second-folder-state"][data-state="unavailable"]').getByText('Not reachable').waitFor({ timeout: 60_000 });
    await page.getByTestId('backup-warnings').locator('[data-warning="second-unavailable"]').waitFor();
    const newest = app.core.backups.status();
    expect(newest.lastFailure).toBeNull();
    expect(fs.existsSync(path.join(first, newest.lastSuccessFile!))).toBe(true);
    expect(fs.existsSync(path.join(`${second}-away`, newest.lastSuccessFile!))).toBe(false);

    await card.getByRole('button', { name: 'Remove' }).click();
    await card.getByText('Optional: each backup is also copied', { exact: false }).waitFor();
    expect(app.core.backups.status().secondFolder).toBeNull();
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});
