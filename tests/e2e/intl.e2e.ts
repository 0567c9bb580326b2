import { afterEach, expect, it } from 'vitest';
import type { Locale } from '../../shared/locale';
import { formatDateTime } from '../../renderer/src/i18n/format';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

// What each language must show: Chinese on the 24-hour clock, English as English readers expect;
// a purchase shows its day only and money in the shop's currency (CNY until the shop says otherwise).
const EXPECT: Record<Locale, { dateTime: RegExp; due: string; day: string; money: string; noClock: RegExp }> = {
  'zh-CN': { dateTime: /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/, due: '2026年3月5日 14:05', day: '2026年3月5日', money: '¥1,234.50', noClock: /上午|下午|AM|PM|\d{1,2}:\d{2}/ },
  en: { dateTime: /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM)$/, due: 'Mar 5, 2026, 2:05 PM', day: 'Mar 5, 2026', money: 'CN¥1,234.50', noClock: /\d{1,2}:\d{2}/ },
};

describeKeychain('dates, times and money in the language the user chose', () => {
  it.each(['zh-CN', 'en'] as const)('%s: an interaction, a purchase and a reminder on the record', async (locale) => {
    const L = CATALOG[locale];
    const want = EXPECT[locale];
    const profileDir = tempDir('coffer-e2e-intl-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'customers.create', { name: '王芳', mobile: '13700001111' });
    });
    app = await launchApp({ profileDir, osLocales: [locale] });
    const { page } = app;
    await signInAs(app, locale, OWNER);
    await page.getByRole('button', { name: L['nav.customers'], exact: true }).click();
    await page.getByTestId('customer-row').filter({ hasText: '王芳' }).click();
    const record = page.getByTestId('customer-detail');
    await record.getByRole('tab', { name: L['record.tab.activity'] }).click();
    const timeline = record.getByTestId('timeline');

    // An interaction happens now: its time is on the clock of the reader's language.
    const before = new Date();
    await timeline.getByLabel(L['timeline.summary']).fill('回访');
    await timeline.getByRole('button', { name: L['timeline.add'], exact: true }).click();
    const interaction = timeline.getByTestId('timeline-entry').filter({ hasText: '回访' });
    await interaction.waitFor();
    const after = new Date();
    const shown = (await interaction.locator('span').first().textContent()) ?? '';
    expect(shown).toMatch(want.dateTime);
    // Chromium runs in this process's time zone, so the page must say what Intl says here.
    expect([formatDateTime(locale, before), formatDateTime(locale, after)]).toContain(shown);

    // A purchase has a day, never a midnight time, and money with its currency symbol.
    await timeline.getByRole('tab', { name: L['timeline.tab.purchase'] }).click();
    const purchaseForm = timeline.getByTestId('purchase-form');
    await purchaseForm.getByLabel(L['purchase.date']).fill('2026-03-05');
    await purchaseForm.getByLabel(L['purchase.item']).fill('茶叶礼盒');
    await purchaseForm.getByLabel(L['purchase.amount']).fill('1234.5');
    expect(await purchaseForm.getByLabel(L['purchase.currency']).inputValue()).toBe('CNY');
    await purchaseForm.getByRole('button', { name: L['purchase.add'] }).click();
    const purchase = timeline.getByTestId('timeline-entry').filter({ hasText: '茶叶礼盒' });
    await purchase.waitFor();
    expect(await purchase.locator('span').first().textContent()).toBe(want.day);
    const purchaseText = (await purchase.textContent()) ?? '';
    expect(purchaseText).toContain(want.money);
    expect(purchaseText.replace(want.money, '')).not.toMatch(want.noClock);

    // A reminder due at a chosen local time reads back exactly, 24-hour in Chinese.
    await timeline.getByRole('tab', { name: L['timeline.tab.reminder'] }).click();
    const reminderForm = timeline.getByTestId('reminder-form');
    await reminderForm.getByLabel(L['reminder.due']).fill('2026-03-05T14:05');
    await reminderForm.getByLabel(L['reminder.note']).fill('送样品');
    await reminderForm.getByRole('button', { name: L['reminder.add'] }).click();
    const reminder = timeline.getByTestId('customer-reminder').filter({ hasText: '送样品' });
    await reminder.waitFor();
    expect(await reminder.locator('span').first().textContent()).toBe(want.due);

    // The record's own Purchases and Reminders tabs say the same.
    await record.getByRole('tab', { name: L['record.tab.purchases'] }).click();
    const listed = record.getByTestId('record-purchase').filter({ hasText: '茶叶礼盒' });
    // The record's tabs style the date with a CSS Module class: the first span is the date.
    expect(await listed.locator('span').first().textContent()).toBe(want.day);
    expect(await listed.textContent()).toContain(want.money);
    await record.getByRole('tab', { name: L['record.tab.reminders'] }).click();
    expect(await record.getByTestId('record-reminder').filter({ hasText: '送样品' }).locator('span').first().textContent()).toBe(want.due);
    expect(app.pageErrors).toEqual([]);
    // Four forms and two tabs in a real browser on a shared machine: more than the default minute.
  }, 120_000);
});
