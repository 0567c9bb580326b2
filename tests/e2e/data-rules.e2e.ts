import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Silver-Maple-58' };
const RULES = '一、客户资料只在本店使用，不得拍照、抄写或发给任何人。\n二、离职时交回所有客户资料。';
const L = CATALOG['zh-CN'];

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('the shop data rules and the access review, in Chromium', () => {
  it('the owner writes rules in Chinese; sales must accept them after sign-in before reaching customers; the access review shows it and exports', async () => {
    const profileDir = tempDir('coffer-e2e-rules-');
    const folder = tempDir('coffer-e2e-rules-out-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'app.setLocale', { locale: 'zh-CN' });
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
      // Lily's own customer: a salesperson's list shows only theirs.
      await ok(router, 'lily', 'session.login', { username: SALES.username, password: SALES.password });
      await ok(router, 'lily', 'customers.create', { name: '王伟', mobile: '13912345678' });
      await ok(router, 'lily', 'session.logout', {});
    });
    const saved: string[] = [];
    app = await launchApp({ profileDir, core: { pickSaveFile: async (name: string) => (saved.push(path.join(folder, name)), path.join(folder, name)) } });
    const { page } = app;

    // The owner writes the rules in Settings.
    await signInAs(app, 'zh-CN', OWNER);
    await page.getByRole('button', { name: L['nav.settings'] }).click();
    const section = page.getByTestId('data-rules-settings');
    await expect.poll(() => section.getByTestId('data-rules-current').textContent()).toBe(L['dataRules.none']);
    await section.getByTestId('data-rules-input').fill(RULES);
    await section.getByTestId('data-rules-save').click();
    await section.getByTestId('data-rules-saved').waitFor();
    await expect.poll(() => section.getByTestId('data-rules-acceptances').textContent()).toContain(L['dataRules.notYet']);
    await page.getByTestId('signed-in-as').click();
    await page.getByRole('button', { name: L['home.logout'] }).click();

    // Sales signs in: the rules come first, the app only after "accept".
    await page.getByTestId('login').waitFor();
    await page.getByLabel(L['login.username']).fill(SALES.username);
    await page.getByLabel(L['login.password']).fill(SALES.password);
    await page.getByRole('button', { name: L['login.submit'] }).click();
    const screen = page.getByTestId('data-rules-screen');
    await screen.waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    expect(await screen.getByTestId('data-rules-text').textContent()).toBe(RULES);
    expect(await screen.getByTestId('data-rules-accept').isDisabled()).toBe(true);
    await screen.getByLabel(L['dataRules.agree']).check();
    await screen.getByTestId('data-rules-accept').click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('button', { name: L['nav.customers'] }).click();
    await page.getByTestId('customers-table').waitFor();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    const current = await readAs<{ version: number; acceptedAt: string | null }>(app.router, SALES, 'dataRules.current');
    expect(current.version).toBe(1);
    expect(current.acceptedAt).not.toBeNull();

    // The owner's access review shows lily's acceptance and exports an .xlsx.
    await page.getByTestId('signed-in-as').click();
    await page.getByRole('button', { name: L['home.logout'] }).click();
    await signInAs(app, 'zh-CN', OWNER);
    await page.getByRole('button', { name: L['nav.users'] }).click();
    const review = page.getByTestId('access-review');
    const row = review.getByTestId(`review-${SALES.username}`);
    await expect.poll(() => row.textContent()).toContain('第 1 版');
    await review.getByTestId('review-period-30').click();
    await review.getByTestId('access-review-export').click();
    await expect.poll(() => saved.length).toBe(1);
    expect(path.basename(saved[0]!)).toMatch(/^coffer-access-review-\d{8}\.xlsx$/);
    await expect.poll(() => fs.existsSync(saved[0]!)).toBe(true);
    const book = XLSX.read(fs.readFileSync(saved[0]!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: false });
    expect(rows.find((r) => r[0] === SALES.username)).toContain('1');
    await review.getByTestId('access-review-done').click();
    await expect.poll(() => review.getByTestId('access-review-last').textContent()).not.toBe(L['review.never']);
  });
});
