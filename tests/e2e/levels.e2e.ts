import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

type Listed = { ok: true; value: { items: { name: string; level: string }[] } };

describeKeychain('Levels managed in Settings, in Chromium', () => {
  it('the owner adds a level, uses it on a new customer, finds it in the filter and the list, then retires it, moving the customer', async () => {
    const profileDir = tempDir('coffer-e2e-levels-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'customers.create', { name: 'Ada', level: 'vip' });
    });
    app = await launchApp({ profileDir });
    const { page, router } = app;
    await signIn(app, OWNER);
    await ok(router, 'check', 'session.login', { username: OWNER.username, password: OWNER.password });
    await page.getByRole('button', { name: 'Settings', exact: true }).first().click();

    // Added in Settings: listed last, under a generated key (never its name).
    const levels = page.getByTestId('list-level');
    await levels.getByPlaceholder('New value').fill('Gold');
    await levels.getByRole('button', { name: 'Add' }).click();
    await levels.getByText('Gold', { exact: true }).waitFor();
    const keys = await levels.getByTestId('list-value').evaluateAll((items) => items.map((i) => i.getAttribute('data-value')));
    expect(keys.slice(0, 3)).toEqual(['vip', 'regular', 'prospect']);
    const gold = keys[3]!;
    expect(gold).toMatch(/^lv_[0-9a-f]{8}$/);

    // Used on a new customer through the form.
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    expect(await form.locator('#customer-level option').allInnerTexts()).toEqual(['VIP', 'Regular', 'Prospect', 'Gold']);
    expect(await form.locator('#customer-level').inputValue()).toBe('regular');
    await form.getByLabel('Name').fill('Bo Gold');
    await form.locator('#customer-level').selectOption({ label: 'Gold' });
    await form.getByRole('button', { name: 'Save' }).click();
    const detail = page.getByTestId('customer-detail');
    await detail.getByRole('heading', { name: 'Bo Gold' }).waitFor();
    await detail.getByTestId('record-level').getByText('Gold').waitFor();
    const listed = (await router.dispatch({ senderId: 'check' }, 'customers.list', { filters: { level: gold } })) as Listed;
    expect(listed.value.items).toMatchObject([{ name: 'Bo Gold', level: gold }]);

    // In the list's level filter, with its count, and in the list's level column.
    await detail.getByRole('button', { name: 'Back to the list' }).click();
    const levelFilter = page.getByTestId('list-filters').getByLabel('Level');
    await expect.poll(() => levelFilter.locator('option').allInnerTexts()).toContain('Gold (1)');
    await levelFilter.selectOption({ label: 'Gold (1)' });
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await page.getByTestId('customer-row').getByText('Gold', { exact: true }).waitFor();
    await page.getByTestId('customer-row').getByText('Bo Gold').waitFor();

    // Retired in Settings: the app asks where its customer goes, and moves them.
    await page.getByTestId('nav-settings').click();
    await levels.getByRole('button', { name: 'Remove: Gold' }).click();
    const retire = page.getByTestId('list-retire-dialog');
    await retire.getByText('1 customers have this level', { exact: false }).waitFor();
    await retire.getByTestId('retire-move-to').selectOption({ label: 'VIP' });
    await retire.getByRole('button', { name: 'Remove' }).click();
    await retire.waitFor({ state: 'detached' });
    await levels.getByTestId('list-done').getByText('1 customers moved', { exact: false }).waitFor();
    expect(await levels.getByTestId('list-value').evaluateAll((items) => items.map((i) => i.getAttribute('data-value')))).toEqual(['vip', 'regular', 'prospect']);
    const vips = (await router.dispatch({ senderId: 'check' }, 'customers.list', { filters: { level: 'vip' } })) as Listed;
    expect(vips.value.items.map((c) => c.name).sort()).toEqual(['Ada', 'Bo Gold']);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
