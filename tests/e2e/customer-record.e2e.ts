import { afterEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss Wang', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const SUPPORT = { username: 'sam', displayName: 'Sam 客服', password: 'Steady-Bridge-31' };

/** Sixty customers (half VIP) so the list scrolls, and one well-filled record owned by Lily. */
async function seed(profileDir: string): Promise<void> {
  await seedVault(profileDir, OWNER, async (router) => {
    await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
    await ok(router, 'seed', 'users.create', { ...SUPPORT, role: 'support' });
    for (let i = 1; i <= 60; i += 1) await ok(router, 'seed', 'customers.create', { name: `Filler ${String(i).padStart(2, '0')}`, level: i % 2 ? 'vip' : 'regular' });
    const zhang = (await ok(router, 'seed', 'customers.create', { name: 'Zhang Record', level: 'vip', mobile: '13800138000', wechat: 'wxid_zhang88', birthday: '1990-03-07', tags: ['茶叶', 'wholesale'] })) as { id: number };
    await ok(router, 'seed', 'purchases.add', { customerId: zhang.id, date: '2026-11-20', item: 'Longjing tea', amountMinor: 12_000, currency: 'CNY' });
    await ok(router, 'seed', 'purchases.add', { customerId: zhang.id, date: '2026-11-21', item: 'Tea cups', amountMinor: 3_050, currency: 'CNY' });
    await ok(router, 'seed', 'interactions.add', { customerId: zhang.id, kind: 'call', at: new Date(Date.now() - 2 * 86_400_000).toISOString(), summary: 'Asked about spring tea' });
    await ok(router, 'seed', 'reminders.add', { customerId: zhang.id, dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), note: 'Send the spring price list' });
    await ok(router, 'seed', 'customers.setOwner', { ids: [zhang.id], toUsername: SALES.username });
  });
}

/** The record's header (its name heading) lies wholly inside the window: the user sees it without scrolling. */
async function expectHeaderInView(page: Page, name: string): Promise<void> {
  const heading = page.getByTestId('record-header').getByRole('heading', { name });
  await heading.waitFor();
  await expect
    .poll(() => heading.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth;
    }))
    .toBe(true);
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

// Seeding sixty customers and three accounts takes a while on a shared, loaded machine.
describeKeychain('the customer record page in Chromium', { timeout: 240_000 }, () => {
  it('opens in view from a click deep in the list, from Enter and from the dashboard; shows key facts and tabs; Esc goes back with the filter kept', async () => {
    const profileDir = tempDir('coffer-e2e-record-');
    await seed(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 640 });
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByRole('combobox', { name: 'Level' }).selectOption('vip');
    await expect.poll(() => page.getByTestId('customer-row').count()).toBeGreaterThan(20);

    // A click on a row far down the scrolled list.
    const deep = page.getByTestId('customer-row').nth(20);
    const deepName = (await deep.getByText(/^Filler \d\d$/).innerText()).trim();
    await deep.click();
    await expectHeaderInView(page, deepName);
    expect(await page.getByTestId('customers-table').count()).toBe(0);

    // Esc returns to the list, still filtered to VIP.
    await page.keyboard.press('Escape');
    await page.getByTestId('customers-table').waitFor();
    expect(await page.getByRole('combobox', { name: 'Level' }).inputValue()).toBe('vip');
    await expect.poll(() => page.getByTestId('customer-row').count()).toBeGreaterThan(20);

    // Enter on a focused row.
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('Zhang');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await page.getByTestId('customer-row').focus();
    await page.keyboard.press('Enter');
    await expectHeaderInView(page, 'Zhang Record');

    const header = page.getByTestId('record-header');
    await header.getByTestId('record-level').getByText('VIP').waitFor();
    expect(await header.getByTestId('record-tag').allInnerTexts()).toEqual(['wholesale', '茶叶']);
    expect(await header.getByTestId('customer-owner').innerText()).toContain('Lily 李');
    expect(await header.getByTestId('fact-purchases').innerText()).toMatch(/CN¥150\.50 · 2 purchases/);
    expect(await header.getByTestId('fact-last-contact').innerText()).toMatch(/2 days ago/);
    expect(await header.getByTestId('fact-next-reminder').innerText()).toMatch(/in 3 days|in 2 days/);

    // The tabs: overview (the owner sees contacts in full), activity, purchases, reminders.
    const record = page.getByTestId('customer-detail');
    await record.getByTestId('field-mobile').getByText('13800138000').waitFor();
    await record.getByTestId('field-wechat').getByText('wxid_zhang88').waitFor();
    expect(await record.getByTestId('field-birthday').innerText()).toContain('Mar 7, 1990');
    await record.getByRole('tab', { name: 'Activity' }).click();
    await record.getByTestId('timeline-entry').getByText('Asked about spring tea', { exact: false }).waitFor();
    await record.getByRole('tab', { name: 'Purchases' }).click();
    await expect.poll(() => record.getByTestId('record-purchase').count()).toBe(2);
    await record.getByTestId('record-purchase').getByText('Longjing tea', { exact: false }).waitFor();
    await record.getByRole('tab', { name: 'Reminders' }).click();
    await record.getByTestId('record-reminder').getByText('Send the spring price list', { exact: false }).waitFor();
    // Arrow keys move between tabs (one tab stop).
    await record.getByRole('tab', { name: 'Reminders' }).focus();
    await page.keyboard.press('Home');
    expect(await record.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('true');

    // Back returns to the list with the search kept; then from the dashboard.
    await record.getByRole('button', { name: 'Back to the list' }).click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Home' }).click();
    // Zhang belongs to the salesperson: the owner's dashboard shows Mine by default.
    await page.getByRole('radio', { name: 'Everyone' }).click();
    await page.getByTestId('dashboard-recent').getByRole('button', { name: 'Zhang Record' }).click();
    await expectHeaderInView(page, 'Zhang Record');
    expect(app.pageErrors).toEqual([]);
  });

  it('support find a caller by the whole number, masked; a fragment finds nothing; the hints say what each role can search by', async () => {
    const profileDir = tempDir('coffer-e2e-record-');
    await seed(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 640 });
    await signIn(app, SUPPORT);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    expect(await page.getByTestId('search-hint').innerText()).toContain('are masked for your role');

    const lookup = page.getByTestId('phone-lookup');
    await lookup.getByRole('searchbox', { name: 'Whole phone number or WeChat ID' }).fill('0013 8000');
    await lookup.getByRole('button', { name: 'Find' }).click();
    await lookup.getByTestId('lookup-result').getByText('not a whole phone number', { exact: false }).waitFor();

    await lookup.getByRole('searchbox', { name: 'Whole phone number or WeChat ID' }).fill('+86 138-0013-8000');
    await lookup.getByRole('button', { name: 'Find' }).click();
    const match = lookup.getByTestId('lookup-match');
    await match.getByText('Zhang Record').waitFor();
    const result = await lookup.getByTestId('lookup-result').innerText();
    expect(result).toContain('138****8000');
    expect(result).not.toContain('13800138000');
    await match.click();
    await expectHeaderInView(page, 'Zhang Record');
    const record = page.getByTestId('customer-detail');
    await record.getByTestId('field-mobile').getByText('138****8000').waitFor();
    expect(await record.getByTestId('field-mobile').getByRole('button', { name: 'Show' }).count()).toBe(0);
    // Support have no purchases: the header says so rather than "no purchases".
    expect(await page.getByTestId('fact-purchases').innerText()).toContain('Not shown to your role');
    expect(await page.content()).not.toContain('13800138000');

    // The lookup is on record for the owner, without the number.
    await ok(app.router, 'check', 'session.login', { username: OWNER.username, password: OWNER.password });
    const rows = (await ok(app.router, 'check', 'audit.query', { action: 'customer.lookup', limit: 10 })) as { username: string; outcome: string; fields: string[] }[];
    expect(rows.map((r) => [r.username, r.outcome, r.fields.join()])).toEqual([
      [SUPPORT.username, 'ok', 'phone'],
      [SUPPORT.username, 'ok', ''],
    ]);
    expect(app.pageErrors).toEqual([]);
  });

  it('sales replace the hidden phone of their own customer without seeing it; the form never shows the old value', async () => {
    const profileDir = tempDir('coffer-e2e-record-');
    await seed(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, SALES);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customer-row').getByText('Zhang Record').click();
    const record = page.getByTestId('customer-detail');
    await record.getByTestId('field-mobile').getByText('138****8000').waitFor();
    await record.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByTestId('customer-form');
    await form.getByTestId('hidden-mobile').getByRole('button', { name: '••• (hidden) — replace' }).click();
    expect(await form.getByLabel('Mobile').inputValue()).toBe('');
    await form.getByLabel('Mobile').fill('13911112222');
    await form.getByRole('button', { name: 'Save' }).click();
    await record.getByTestId('field-mobile').getByText('139****2222').waitFor();
    expect(await page.content()).not.toContain('13800138000');
    expect(app.pageErrors).toEqual([]);
  });
});
