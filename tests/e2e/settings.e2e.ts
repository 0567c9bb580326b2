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

describeKeychain('Settings in Chromium', () => {
  it('the owner names the shop, picks its currency, renames and orders levels, renames a tag on its customers, and switches the language there', async () => {
    const profileDir = tempDir('coffer-e2e-settings-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'customers.create', { name: '王伟', tags: ['wholesale'] });
      await ok(router, 'seed', 'customers.create', { name: 'Ada', tags: ['wholesale', 'tea'] });
      await ok(router, 'seed', 'settings.editList', { list: 'tag', op: 'add', value: 'wholesale' });
      await ok(router, 'seed', 'settings.editList', { list: 'tag', op: 'add', value: 'tea' });
    });
    app = await launchApp({ profileDir });
    const { page, router } = app;
    await signIn(app, OWNER);
    // A second sign-in beside the page's, to read what main stored.
    await ok(router, 'check', 'session.login', { username: OWNER.username, password: OWNER.password });
    await page.getByRole('button', { name: 'Settings', exact: true }).first().click();

    // Shop profile: name and currency, saved in main.
    const shop = page.getByTestId('shop-profile');
    await expect.poll(() => shop.getByTestId('shop-currency').inputValue()).toBe('CNY');
    await shop.getByLabel('Shop name').fill('茶香小铺');
    await shop.getByTestId('shop-currency').selectOption('HKD');
    await shop.getByRole('button', { name: 'Save profile' }).click();
    await shop.getByTestId('shop-saved').waitFor();
    expect(await router.dispatch({ senderId: 'check' }, 'settings.shopProfile', {})).toEqual({ ok: true, value: { name: '茶香小铺', currency: 'HKD' } });
    // An empty name is said in words, not sent.
    await shop.getByLabel('Shop name').fill('  ');
    await shop.getByRole('button', { name: 'Save profile' }).click();
    await shop.getByText('Enter the shop’s name.').waitFor();

    // Levels: the owner's own name for VIP, and VIP moved below Regular.
    const levels = page.getByTestId('list-level');
    await levels.getByRole('button', { name: 'Rename: VIP' }).click();
    const rename = page.getByTestId('list-rename-dialog');
    await rename.getByLabel('New name').fill('金卡会员');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await rename.waitFor({ state: 'detached' });
    await levels.getByText('金卡会员').waitFor();
    await levels.getByRole('button', { name: 'Move down: 金卡会员' }).click();
    await expect.poll(() => levels.getByTestId('list-value').evaluateAll((items) => items.map((i) => i.getAttribute('data-value')))).toEqual(['regular', 'vip', 'prospect']);
    expect(await router.dispatch({ senderId: 'check' }, 'settings.lists', {})).toMatchObject({
      ok: true,
      value: { levels: [{ value: 'regular', label: null }, { value: 'vip', label: '金卡会员' }, { value: 'prospect', label: null }] },
    });

    // A tag renamed here is renamed on both customers who have it.
    const tags = page.getByTestId('list-tag');
    await tags.getByRole('button', { name: 'Rename: wholesale' }).click();
    await rename.getByLabel('New name').fill('批发');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await tags.getByTestId('list-done').getByText('Renamed on 2 customers.').waitFor();
    const withTag = (await router.dispatch({ senderId: 'check' }, 'customers.list', { filters: { tag: '批发' } })) as { ok: true; value: { items: { name: string }[] } };
    expect(withTag.value.items.map((c) => c.name).sort()).toEqual(['Ada', '王伟']);
    // Adding a region, then removing it after a confirmation in the app's own dialog.
    const regions = page.getByTestId('list-region');
    await regions.getByPlaceholder('New value').fill('华南');
    await regions.getByRole('button', { name: 'Add' }).click();
    await regions.getByText('华南').waitFor();
    await regions.getByRole('button', { name: 'Remove: 华南' }).click();
    await page.getByTestId('list-remove-dialog').getByRole('button', { name: 'Remove' }).click();
    await regions.getByText('Nothing in this list yet.').waitFor();

    // The customer form and the list's level filter use the owner's lists: names, order, common tags.
    await page.getByTestId('nav-customers').click();
    const levelFilter = page.getByTestId('list-filters').getByLabel('Level');
    await expect.poll(() => levelFilter.locator('option').allInnerTexts()).toContainEqual(expect.stringContaining('金卡会员'));
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    expect(await form.locator('#customer-level option').allInnerTexts()).toEqual(['Regular', '金卡会员', 'Prospect']);
    await form.getByTestId('offered-tags').getByRole('button', { name: '+ 批发' }).click();
    expect(await form.getByLabel('Tags', { exact: true }).inputValue()).toBe('批发');
    await page.getByTestId('nav-settings').click();

    // Language, in Settings too.
    await page.getByTestId('settings-language').getByTestId('settings-language-switch').selectOption('zh-CN');
    await page.getByRole('heading', { name: '店铺资料' }).waitFor();
    await page.getByTestId('list-level').getByText('金卡会员').waitFor();
    await page.getByTestId('list-level').getByText('普通', { exact: true }).waitFor();
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
  it('turning on ID numbers in Settings shows the field on the customer form at once (one query, invalidated by the change)', async () => {
    const profileDir = tempDir('coffer-e2e-settings-fields-');
    await seedVault(profileDir, OWNER, async () => undefined);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);
    // The form first, so its answer ("off") sits in the cache before the setting changes.
    await page.getByRole('button', { name: 'Customers' }).first().click();
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    await form.getByLabel('Name').waitFor();
    expect(await form.getByLabel('ID number').count()).toBe(0);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Settings', exact: true }).first().click();
    // Settings > Customer fields: one switch per field (issue 16); ID number is off by default.
    const keep = page.getByLabel('Keep ID number', { exact: true });
    await expect.poll(() => keep.isDisabled()).toBe(false);
    // A controlled box: it shows the stored value once main has answered, so click and wait.
    await keep.click();
    await expect.poll(() => keep.isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Customers' }).first().click();
    await page.getByTestId('new-customer').click();
    await page.getByTestId('customer-form').getByLabel('ID number').waitFor();
  });
});
