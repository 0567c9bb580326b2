import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };

// Created out of order; the list shows them by pinyin, Latin and Chinese interleaved.
const OWNER_CUSTOMERS = [
  { name: 'Zoe', region: '华南' },
  { name: '王伟', region: '华东' },
  { name: 'Bob', region: '华东' },
  { name: '白雪', region: '华北' },
];
const SALES_CUSTOMERS = [
  { name: '陈', region: '西北' },
  { name: 'Alice', region: '西北' },
];

async function seed(profileDir: string): Promise<void> {
  await seedVault(profileDir, OWNER, async (router) => {
    await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
    for (const customer of OWNER_CUSTOMERS) await ok(router, 'seed', 'customers.create', customer);
    await ok(router, 'seed', 'session.logout', {});
    await ok(router, 'seed', 'session.login', { username: SALES.username, password: SALES.password });
    for (const customer of SALES_CUSTOMERS) await ok(router, 'seed', 'customers.create', customer);
  });
}

// Each case seeds a vault through the router and starts Chromium: about 40 s of its time on the
// loaded 2-core machine before the list shows, hence each case's own bound.
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const optionLabels = (app: TestApp, name: string) => app.page.getByRole('combobox', { name, exact: true }).locator('option').allInnerTexts();

describeKeychain('the customers list in Chromium', () => {
  it('the owner sees the real count, names in pinyin order, filter lists of existing values, and tags all that match', async () => {
    const profileDir = tempDir('coffer-e2e-list-');
    await seed(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-count').getByText('6 customers', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('customer-row').locator('td:nth-child(2)').allInnerTexts()).toEqual(['Alice', '白雪', 'Bob', '陈', '王伟', 'Zoe']);

    // Filters list what exists: regions with counts, owners by display name.
    await expect.poll(() => optionLabels(app!, 'Region')).toEqual(['All regions', '华北 (1)', '华东 (2)', '华南 (1)', '西北 (2)']);
    expect(await optionLabels(app, 'Owner')).toEqual(['All owners', 'Boss (4)', 'Lily 李 (2)']);
    await page.getByRole('combobox', { name: 'Owner', exact: true }).selectOption({ label: 'Lily 李 (2)' });
    await page.getByTestId('customers-count').getByText('2 customers', { exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Owner', exact: true }).selectOption({ label: 'All owners' });
    await page.getByRole('combobox', { name: 'Region', exact: true }).selectOption({ label: '华东 (2)' });
    await page.getByTestId('customers-count').getByText('2 customers', { exact: true }).waitFor();

    // Bulk on all that match: the dialog names the exact count; main tags both.
    const bulk = page.getByTestId('bulk-matching');
    await bulk.getByText('All 2 matching customers').waitFor();
    await bulk.getByLabel('Tag').fill('spring');
    await bulk.getByRole('button', { name: 'Add tag' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByText('Add the tag “spring” to all 2 matching customers?').waitFor();
    await dialog.getByText('exactly 2 customers', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await bulk.getByRole('status').getByText('Tags changed on 2 customers.').waitFor();
    await expect.poll(() => optionLabels(app!, 'Tags')).toContain('spring (2)');
    const tags = await page.getByTestId('customer-row').locator('td:nth-child(9)').allInnerTexts();
    expect(tags).toEqual(['spring', 'spring']);
    expect(app.pageErrors).toEqual([]);
  }, 150_000);

  it('the keyboard moves through the rows, Enter opens the customer, ? lists every shortcut', async () => {
    const profileDir = tempDir('coffer-e2e-list-');
    await seed(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-count').getByText('6 customers', { exact: true }).waitFor();

    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-dialog');
    await help.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    for (const keys of ['Ctrl+K', 'Ctrl+N', 'Ctrl+L', 'Alt+←', 'Alt+→', 'Enter', 'Esc', '?']) await help.getByText(keys, { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    const rows = page.getByTestId('customer-row');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Bob');
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Zoe');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe('6');
    // Space ticks the active row (王伟); Esc clears the ticks.
    await page.keyboard.press(' ');
    await page.getByTestId('bulk-tag').getByText('1 selected').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('bulk-tag').waitFor({ state: 'detached' });
    // Enter opens the active customer's record page.
    await page.keyboard.press('Enter');
    await page.getByTestId('customer-detail').getByRole('heading', { name: '王伟' }).waitFor();
    await page.getByTestId('customers-page').waitFor({ state: 'detached' });

    // "?" and Ctrl+N work on every page, not only the list: from Home, Ctrl+N opens a new customer.
    await page.getByTestId('nav-home').click();
    await page.getByTestId('dashboard').waitFor();
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+n');
    await page.getByTestId('customer-form').waitFor();
    await page.getByTestId('customers-page').waitFor();
    expect(app.pageErrors).toEqual([]);
  }, 150_000);

  it('a salesperson’s filter lists hold only their own book', async () => {
    const profileDir = tempDir('coffer-e2e-list-');
    await seed(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, SALES);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-count').getByText('2 customers', { exact: true }).waitFor();
    await expect.poll(() => optionLabels(app!, 'Region')).toEqual(['All regions', '西北 (2)']);
    expect(await page.getByRole('combobox', { name: 'Owner', exact: true }).count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 150_000);
});
