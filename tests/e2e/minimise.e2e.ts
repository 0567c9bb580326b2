import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsOff } from './approval-policy';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: '老板', password: 'Lantern-Harbor-42' };
const L = CATALOG['zh-CN'];
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('minimisation and the disclosure register, in Chromium (zh-CN)', () => {
  it('the owner switches WeChat off and erases its values (typed count); names a privacy contact; an export marked as a disclosure appears in the register', async () => {
    const profileDir = tempDir('coffer-e2e-minimise-');
    const folder = tempDir('coffer-e2e-minimise-out-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'app.setLocale', { locale: 'zh-CN' });
      // Every customer, one owner: the approval path is approvals.e2e.ts's; here the register.
      await approvalsOff(router, 'seed', ['customers.export', 'settings.setField']);
      await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678', wechat: 'wangwei_88' });
      await ok(router, 'seed', 'customers.create', { name: '李娜', wechat: 'lina-1990' });
    });
    const saved: string[] = [];
    app = await launchApp({ profileDir, core: { pickSaveFile: async (name: string) => (saved.push(path.join(folder, name)), path.join(folder, name)) } });
    const { page } = app;
    await signInAs(app, 'zh-CN', OWNER);

    // Settings > Customer fields: WeChat is contact data, kept; switch it off and erase.
    await page.getByTestId('nav-settings').click();
    const fields = page.getByTestId('customer-fields-settings');
    const wechatRow = fields.locator('[data-field="wechat"]');
    await expect.poll(() => wechatRow.textContent()).toContain(L['fields.class.contact']);
    expect(await fields.locator('[data-field="name"]').textContent()).toContain(L['fields.required']);
    await fields.getByLabel(fill(L['fields.keep'], { field: L['field.wechat'] }), { exact: true }).click();
    const dialog = page.getByTestId('field-off-dialog');
    await expect.poll(() => dialog.textContent()).toContain(fill(L['fields.offBody'], { count: 2 }));
    await dialog.getByTestId('field-erase').check();
    const confirm = dialog.getByRole('button', { name: L['fields.confirmErase'] });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByTestId('field-erase-count').fill('1');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByTestId('field-erase-count').fill('2');
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => fields.getByTestId('fields-done').textContent()).toBe(fill(L['fields.erased'], { field: L['field.wechat'], count: 2 }));
    await expect.poll(() => wechatRow.getAttribute('data-enabled')).toBe('false');
    expect(await readAs(app.router, OWNER, 'settings.fieldStoredCount', { field: 'wechat' })).toEqual({ field: 'wechat', count: 0 });
    const rows = await readAs<{ action: string; reason: string | null; fields: string[] }[]>(app.router, OWNER, 'audit.query', { limit: 50 });
    expect(rows.find((r) => r.action === 'settings.customerField')).toMatchObject({ reason: 'off, erased 2', fields: ['wechat'] });

    // Settings > Privacy: the contact, shown on the Privacy page.
    const privacy = page.getByTestId('privacy-settings');
    await privacy.getByTestId('privacy-contact-name').fill('陈静（店长）');
    await privacy.getByTestId('privacy-contact-reach').fill('021-5550 1234');
    await privacy.getByTestId('privacy-save').click();
    await privacy.getByTestId('privacy-saved').waitFor();

    // The customer form no longer offers WeChat.
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    await form.getByLabel(L['field.name']).waitFor();
    expect(await form.getByLabel(L['field.wechat'], { exact: true }).count()).toBe(0);
    await form.getByRole('button', { name: L['reveal.cancel'] }).click();
    await form.waitFor({ state: 'detached' });

    // Export marked as a disclosure to a courier.
    await page.getByTestId('export-open').click();
    const exportDialog = page.getByTestId('export-dialog');
    expect(await exportDialog.getByLabel(L['export.col.wechat'], { exact: true }).count()).toBe(0);
    await exportDialog.getByTestId('disclosure-mark').check();
    const choose = exportDialog.getByRole('button', { name: L['export.confirm'] });
    expect(await choose.isDisabled()).toBe(true);
    await exportDialog.getByTestId('disclosure-recipient').fill('顺丰速运');
    await exportDialog.getByTestId('disclosure-purpose').fill('年货节配送');
    await exportDialog.getByTestId('disclosure-agreement').fill('DPA-2026-07');
    await exportDialog.getByTestId('disclosure-basis').selectOption('contract');
    await choose.click();
    await expect.poll(() => page.getByTestId('export-result').textContent()).toContain(L['disclosure.done']);
    expect(saved).toHaveLength(1);
    expect(fs.existsSync(saved[0]!)).toBe(true);

    // The Privacy page: the contact, and the register row.
    await page.getByTestId('nav-privacy').click();
    await expect.poll(() => page.getByTestId('privacy-contact').textContent()).toContain(fill(L['privacy.contactLine'], { name: '陈静（店长）', reach: '021-5550 1234' }));
    const register = page.getByTestId('disclosures-table');
    await expect.poll(() => register.textContent()).toContain('顺丰速运');
    const text = (await register.textContent()) ?? '';
    expect(text).toContain('年货节配送');
    expect(text).toContain('DPA-2026-07');
    expect(text).toContain(L['basis.contract']);
    expect(text).toContain(fill(L['disclosures.rows'], { count: 2 }));
    expect(text).toContain(OWNER.displayName);
  });
});
