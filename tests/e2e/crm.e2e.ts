import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { createDemoVault } from '../../electron/core/demo/demo-vault';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { toLocalInput } from '../../renderer/src/features/customers/format';
import { createAppRouter } from '../../electron/ipc';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { E2E_KEYCHAIN_SERVICE, launchApp, signIn, type TestApp } from './harness';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };

async function seedVault(profileDir: string): Promise<void> {
  const core = createCore({ profileDir, appVersion: 'seed', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE) });
  const router = createAppRouter(core);
  const call = async (sender: string, channel: string, input: unknown) => {
    const result = await router.dispatch({ senderId: sender }, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value;
  };
  const { recoveryKey } = (await call('seed', 'setup.begin', { owner: OWNER })) as { recoveryKey: string };
  await call('seed', 'setup.complete', { recoveryKeyEnding: recoveryKey.slice(-9), confirmedStored: true });
  await call('seed', 'users.create', { ...SALES, role: 'sales' });
  await call('seed', 'customers.create', { name: 'Owner Customer', mobile: '13700001111', tags: ['retail'] });
  await call('seed', 'customers.create', { name: 'Second Customer', email: 'second@example.com' });
  core.close();
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});


async function search(testApp: TestApp, text: string): Promise<void> {
  const { page } = testApp;
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

/** From the open record: one interaction and one reminder due now (today, in this machine's time zone). */
async function addInteractionAndReminder(testApp: TestApp, summary: string, note: string): Promise<void> {
  await testApp.page.getByTestId('customer-detail').getByRole('tab', { name: 'Activity' }).click();
  const timeline = testApp.page.getByTestId('customer-detail').getByTestId('timeline');
  await timeline.getByLabel('Kind').selectOption('wechat');
  await timeline.getByLabel('What happened').fill(summary);
  await timeline.getByRole('button', { name: 'Add', exact: true }).click();
  await timeline.getByTestId('timeline-entry').getByText(summary, { exact: false }).waitFor();
  await timeline.getByRole('tab', { name: 'Reminder' }).click();
  await timeline.getByLabel('Due').fill(toLocalInput(new Date()));
  await timeline.getByLabel('Reminder note').fill(note);
  await timeline.getByRole('button', { name: 'Add reminder' }).click();
  await timeline.getByTestId('customer-reminder').getByText(note, { exact: false }).waitFor();
}

describeKeychain('the CRM in Chromium, as two roles', () => {
  it('sales creates a customer and finds it by a Chinese substring; the owner finds it by a phone fragment; each sees their reminder on the dashboard', async () => {
    const profileDir = tempDir('coffer-e2e-crm-');
    await seedVault(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;

    await signIn(app, SALES);
    await page.getByTestId('dashboard').waitFor();
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByText('No customers yet.').waitFor();
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    await form.getByLabel('Name').fill('张晓明');
    await form.getByLabel('Mobile').fill('1381234567'); // one digit short
    await form.getByLabel('Company').fill('晓明贸易有限公司');
    await form.getByLabel('Tags', { exact: true }).fill('批发, wholesale');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('This is not a phone number we recognise', { exact: false }).waitFor();
    await form.getByLabel('Mobile').fill('13812345678');
    await form.getByRole('button', { name: 'Save' }).click();
    const detail = page.getByTestId('customer-detail');
    await detail.getByRole('heading', { name: '张晓明' }).waitFor();
    // Sales see their own customer's mobile masked, with Show.
    await detail.getByTestId('field-mobile').getByText('138****5678').waitFor();
    // Saving a new customer opened its record page; Back returns to the list.
    await detail.getByRole('button', { name: 'Back to the list' }).click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);

    await search(app, '晓明');
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await page.getByTestId('customer-row').getByText('张晓明').click();
    await addInteractionAndReminder(app, '微信确认了报价', '周五前回电');
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByTestId('dashboard-reminder').getByText('周五前回电', { exact: false }).waitFor();
    await page.getByTestId('dashboard-recent').getByText('张晓明').waitFor();
    await page.getByTestId('signed-in-as').click();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(app, OWNER);
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('dashboard-reminder').count()).toBe(0); // sales' reminder is theirs
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(3);
    await search(app, '2345678');
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await page.getByTestId('customer-row').getByText('张晓明').click();
    await page.getByTestId('customer-detail').getByTestId('field-mobile').getByText('13812345678').waitFor();
    await addInteractionAndReminder(app, 'Visited the shop', 'Send the price list');
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByTestId('dashboard-reminder').getByText('Send the price list', { exact: false }).waitFor();
    // Mine counts the owner's own two customers; Everyone the whole book, Lily's included.
    await page.getByTestId('dashboard-new').getByText('2 new this month').waitFor();
    await page.getByRole('radio', { name: 'Everyone' }).click();
    await page.getByTestId('dashboard-new').getByText('3 new this month').waitFor();
    await page.getByRole('button', { name: 'Reminders', exact: true }).click();
    await expect.poll(() => page.getByTestId('reminder-row').count()).toBe(2);
    expect(app.pageErrors).toEqual([]);
  });

  it('the owner hides a column, tags two customers at once, deletes one and restores it from the recycle bin', async () => {
    const profileDir = tempDir('coffer-e2e-crm-');
    await seedVault(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByTestId('customers-count').getByText('2 customers', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByTestId('column-chooser').getByLabel('E-mail').uncheck();
    expect(await page.getByTestId('customers-table').getByRole('columnheader', { name: 'E-mail' }).count()).toBe(0);

    await page.getByLabel('Select all loaded customers').check();
    const bulk = page.getByTestId('bulk-tag');
    await bulk.getByText('2 selected').waitFor();
    await bulk.getByLabel('Tag').fill('重点');
    await bulk.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('combobox', { name: 'Tags' }).selectOption({ label: '重点 (2)' });
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(2);
    await page.getByRole('combobox', { name: 'Tags' }).selectOption({ label: 'retail (1)' });
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);

    await page.getByTestId('customer-row').first().click();
    const detail = page.getByTestId('customer-detail');
    await detail.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No customers match', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Recycle bin' }).click();
    const bin = page.getByTestId('recycle-bin');
    await bin.getByTestId('bin-row').getByText('Owner Customer').waitFor();
    await bin.getByRole('button', { name: 'Restore' }).click();
    await bin.getByText('The recycle bin is empty.').waitFor();
    await page.getByRole('button', { name: 'Back to customers' }).click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });
});

describeKeychain('the customers table at scale, in Chromium', () => {
  it('sizes the table to all 3,000 customers, keeps only the visible rows in the page, and reaches the end at once', async () => {
    const profileDir = tempDir('coffer-e2e-scale-');
    const seed = createCore({ profileDir, appVersion: 'seed', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE) });
    await seed.start();
    // Seeding 3,000 customers takes most of a minute on a loaded 2-core machine: hence the test's own bound.
    const demo = await createDemoVault(seed, { customers: 3000, interactionsPerCustomer: 1 });
    seed.close();
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, demo.accounts.find((a) => a.role === 'owner')!);
    await page.getByRole('button', { name: 'Customers' }).click();
    // The real total, not the rows loaded so far.
    await page.getByTestId('customers-count').getByText('3,000 customers', { exact: true }).waitFor();
    const scroller = page.getByTestId('customers-scroll');
    // The scroll bar stands for the whole list: about 3,000 rows tall before any scrolling.
    expect(await scroller.evaluate((el) => el.scrollHeight)).toBeGreaterThan(3000 * 30);
    let most = 0;
    for (let i = 0; i < 10; i += 1) {
      await scroller.evaluate((el) => el.scrollBy(0, 4000));
      most = Math.max(most, await page.getByTestId('customer-row').count());
      await page.waitForTimeout(30);
    }
    // Dragged to the end: the last customer's page is fetched by position, no page before it.
    const started = Date.now();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.locator('[data-testid="customer-row"][aria-rowindex="3001"]').waitFor();
    expect(Date.now() - started).toBeLessThan(2000);
    most = Math.max(most, await page.getByTestId('customer-row').count());
    // Virtualized: however far it scrolled, only about a screenful of rows was ever in the DOM.
    expect(most).toBeGreaterThan(5);
    expect(most).toBeLessThan(80);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
