import { afterEach, expect, it } from 'vitest';
import type { Locale } from '../../shared/locale';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const DAY = 24 * 60 * 60 * 1000;

/** What each language shows; the Chinese is the app's own text, not a translation of the test. */
const TEXT = {
  en: {
    nav: 'Data quality',
    home: 'Home',
    due: 'Time to review duplicates and incomplete records.',
    reviewNow: 'Review now',
    samePhone: 'Same phone number',
    noContact: 'No contact details',
    nameOnly: 'Name only',
    staleEmpty: 'Every customer was changed or contacted within the last year.',
    dupEmpty: 'No likely duplicates.',
    markDone: 'Mark review done',
    reviewed: 'Review recorded.',
    merge: 'Merge…',
  },
  'zh-CN': {
    nav: '数据质量',
    home: '首页',
    due: '该检查重复和不完整的客户资料了',
    reviewNow: '立即检查',
    samePhone: '电话号码相同',
    noContact: '缺少联系方式',
    nameOnly: '只有姓名',
    staleEmpty: '所有客户在过去一年内都有更新或联系。',
    dupEmpty: '没有发现疑似重复的客户',
    markDone: '标记为已检查',
    reviewed: '已记录本次检查',
    merge: '合并…',
  },
} as const;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('the data-quality page, in Chromium', () => {
  it.each(['en', 'zh-CN'] as Locale[])('%s: lists a seeded duplicate pair and a record without contact; Home asks for the quarterly review; rows open the record', async (locale) => {
    const L = TEXT[locale];
    const profileDir = tempDir('coffer-e2e-quality-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
      await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678', city: '上海' });
      await ok(router, 'seed', 'customers.create', { name: 'Wang Wei', phone: '+86 139 1234 5678' });
      await ok(router, 'seed', 'customers.create', { name: '张无联系', company: '杭州茶叶有限公司' });
      await ok(router, 'seed', 'customers.create', { name: 'Just A Name' });
      await ok(router, 'seed', 'customers.create', { name: 'Reachable', email: 'r@example.com' });
    });
    // Four months on: the first quarterly review (counted from the vault's creation) is due.
    const offset = 120 * DAY;
    app = await launchApp({ profileDir, core: { now: () => Date.now() + offset } });
    const { page } = app;
    await signIn(app, OWNER);
    if (locale === 'zh-CN') await page.getByTestId('language-switch').selectOption('zh-CN');

    const due = page.getByTestId('dashboard-quality-due');
    await due.getByRole('heading', { name: L.due }).waitFor();
    await due.getByRole('button', { name: L.reviewNow }).click();
    await page.getByTestId('quality-page').waitFor();

    const duplicates = page.getByTestId('quality-duplicates');
    await expect.poll(() => duplicates.getByTestId('quality-group').count()).toBe(1);
    const group = duplicates.getByTestId('quality-group').first();
    expect(await group.getAttribute('data-kind')).toBe('same-phone');
    expect(await group.textContent()).toContain(L.samePhone);
    expect(await group.getByTestId('quality-member').allTextContents()).toEqual([expect.stringContaining('王伟'), expect.stringContaining('Wang Wei')]);
    // No contact value ever reaches the page, only names and who owns them.
    expect(await page.getByTestId('quality-page').textContent()).not.toMatch(/139\d{4}5678|r@example\.com/);

    const missing = page.getByTestId('quality-missing');
    await expect.poll(() => missing.getByTestId('quality-member').count()).toBe(2);
    const rows = await missing.getByTestId('quality-member').allTextContents();
    expect(rows.find((r) => r.includes('张无联系'))).toContain(L.noContact);
    expect(rows.find((r) => r.includes('Just A Name'))).toContain(L.nameOnly);
    expect(rows.join(' ')).not.toContain('Reachable');
    await page.getByTestId('quality-stale').getByText(L.staleEmpty).waitFor();

    // A row opens the customer's record on the Customers page.
    await missing.getByRole('button', { name: '张无联系' }).click();
    await page.getByTestId('customer-detail').getByRole('heading', { name: '张无联系' }).waitFor();

    // "Merge…" opens the merge screen with the group's records side by side.
    await page.getByRole('button', { name: L.nav }).click();
    await page.getByTestId('quality-duplicates').getByRole('button', { name: L.merge }).first().click();
    const compare = page.getByTestId('merge-compare');
    await compare.waitFor();
    const both = (await compare.textContent()) ?? '';
    expect(both).toContain('王伟');
    expect(both).toContain('Wang Wei');

    // Marking the review done takes the reminder off Home.
    await page.getByRole('button', { name: L.nav }).click();
    await page.getByTestId('quality-mark-reviewed').click();
    await page.getByTestId('quality-reviewed').getByText(L.reviewed, { exact: false }).waitFor();
    expect(await page.getByTestId('quality-mark-reviewed').textContent()).toBe(L.markDone);
    await page.getByRole('button', { name: L.home }).click();
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('dashboard-quality-due').count()).toBe(0);
    expect(app.browserDialogCalls).toEqual([]);
  });

  it('a salesperson sees only their own book: the pair with another owner\'s customer is not listed, and no review reminder', async () => {
    const profileDir = tempDir('coffer-e2e-quality-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
      await ok(router, 'seed', 'customers.create', { name: 'Boss Customer', mobile: '13700001111' });
      await ok(router, 'sales', 'session.login', { username: SALES.username, password: SALES.password });
      await ok(router, 'sales', 'customers.create', { name: 'Lily Customer', mobile: '137 0000 1111' });
    });
    app = await launchApp({ profileDir, core: { now: () => Date.now() + 120 * DAY } });
    const { page } = app;
    await signIn(app, SALES);
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('dashboard-quality-due').count()).toBe(0);
    await page.getByRole('button', { name: 'Data quality' }).click();
    await page.getByTestId('quality-duplicates').getByText(TEXT.en.dupEmpty).waitFor();
    expect(await page.getByTestId('quality-page').textContent()).not.toContain('Boss Customer');
    expect(await page.getByTestId('quality-mark-reviewed').count()).toBe(0);
  });
});
