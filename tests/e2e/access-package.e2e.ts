import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { openPackage } from '../integration/access-package-helpers';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: 'Boss Wang', password: 'Lantern-Harbor-42' };
const L = CATALOG['zh-CN'];

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('the access package from the customer record, in Chromium', { timeout: 240_000 }, () => {
  it('the owner prepares a package: what it holds, main picks the folder, the one-time password shown once; the file opens with it', async () => {
    const profileDir = tempDir('coffer-e2e-package-');
    // The harness's stand-in for main's folder dialog.
    const folder = tempDir('coffer-e2e-package-out-');
    let dialogs = 0;
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'app.setLocale', { locale: 'zh-CN' });
      const wang = (await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678', tags: ['茶叶'] })) as { id: number };
      await ok(router, 'seed', 'customers.create', { name: '李娜', mobile: '13700009999' });
      for (let i = 0; i < 30; i += 1) await ok(router, 'seed', 'interactions.add', { customerId: wang.id, kind: 'call', at: new Date(Date.UTC(2026, 10, 1 + i, 2)).toISOString(), summary: `第 ${i + 1} 次电话` });
      await ok(router, 'seed', 'purchases.add', { customerId: wang.id, date: '2026-11-20', item: '龙井茶', amountMinor: 12_000, currency: 'CNY' });
    });
    app = await launchApp({ profileDir, core: { pickFolder: async () => (dialogs++, folder) } });
    const { page } = app;
    await signInAs(app, 'zh-CN', OWNER);
    await page.getByRole('button', { name: L['nav.customers'] }).click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByTestId('customer-row').filter({ hasText: '王伟' }).click();
    await page.getByTestId('customer-detail').waitFor();

    // The explanation first; nothing is written until the person goes on.
    await page.getByTestId('package-open').click();
    const dialog = page.getByTestId('package-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(L['package.intro']);
    expect(dialogs).toBe(0);
    await dialog.getByRole('button', { name: L['package.confirm'] }).click();

    // The password, once, with its warning and a copy button.
    const shown = page.getByTestId('package-password-dialog');
    await shown.waitFor();
    expect(await shown.getByTestId('package-warning').textContent()).toBe(L['package.warning']);
    await shown.getByTestId('package-copy').waitFor();
    const password = (await shown.getByTestId('package-password').locator('span').allTextContents()).join('-');
    expect(password).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    expect(dialogs).toBe(1);
    const files = fs.readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^coffer-access-\d{8}-[0-9a-f]{8}\.zip$/);
    expect(await shown.getByTestId('package-file').textContent()).toContain(files[0]);
    expect(await shown.getByTestId('package-contents').textContent()).toContain(`${L['package.section.interactions']} 30`);

    // The file main wrote opens with that password and holds this customer only.
    const opened = await openPackage(fs.readFileSync(path.join(folder, files[0]!)), password);
    expect(opened.json.sections.record![0]).toMatchObject({ name: '王伟', mobile: '13912345678' });
    expect(opened.json.sections.interactions).toHaveLength(30);
    expect(opened.text).not.toContain('李娜');

    // Closed: the password is gone from the page for good.
    await shown.getByRole('button', { name: L['package.close'] }).click();
    await expect.poll(() => page.getByTestId('package-password-dialog').count()).toBe(0);
    const html = await page.content();
    const [first, second] = password.split('-');
    expect(html).not.toContain(password);
    expect(html).not.toContain(`<span>${first}</span><span>${second}</span>`);
    const audited = app.core.vault.db().prepare("SELECT reason FROM audit_log WHERE action = 'customer.accessPackage'").all() as { reason: string }[];
    expect(audited).toHaveLength(1);
    expect(audited[0]!.reason).not.toContain(password);
  });
});
