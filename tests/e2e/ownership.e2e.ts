import { afterEach, expect, it } from 'vitest';
import { findUserByUsername, recordLogin } from '../../electron/core/users/user-repository';
import type { Router } from '../../electron/ipc/router';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { approvalsOff } from './approval-policy';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const MANAGER = { username: 'mia', displayName: 'Mia 王', password: 'Silver-Maple-58' };
const LEAVER = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const SALES = { username: 'tom', displayName: 'Tom 陈', password: 'Amber-Falcon-31' };
const DAY = 24 * 60 * 60 * 1000;

/** An owner, a manager, a leaver with three customers and a colleague; sign-ins backdated in setup. */
async function seedHandOverVault(profileDir: string): Promise<void> {
  await seedVault(profileDir, OWNER, async (router, core) => {
    // A new manager needs approval by default (nobody else could give it here): not this file's subject.
    await approvalsOff(router, 'seed', ['users.create']);
    await ok(router, 'seed', 'users.create', { ...MANAGER, role: 'manager' });
    await ok(router, 'seed', 'users.create', { ...LEAVER, role: 'sales' });
    await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
    await ok(router, 'seed', 'customers.create', { name: 'Owner Customer' });
    await ok(router, 'seed-lily', 'session.login', { username: LEAVER.username, password: LEAVER.password });
    for (const name of ['王伟', '李娜', 'Acme Tea']) await ok(router, 'seed-lily', 'customers.create', { name });
    const db = core.vault.db();
    recordLogin(db, findUserByUsername(db, LEAVER.username)!.id, new Date(Date.now() - 40 * DAY));
    recordLogin(db, findUserByUsername(db, SALES.username)!.id, new Date(Date.now() - 100 * DAY));
    recordLogin(db, findUserByUsername(db, MANAGER.username)!.id, new Date(Date.now() - DAY));
  });
}

const ownersOf = async (router: Router) => {
  await ok(router, 'check', 'session.login', { username: OWNER.username, password: OWNER.password });
  const list = (await ok(router, 'check', 'customers.list', { limit: 50 })) as { items: { name: string; ownerUsername: string }[] };
  return Object.fromEntries(list.items.map((c) => [c.name, c.ownerUsername]));
};

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('handing customers over and the stale-account report, in Chromium', () => {
  it('a manager hands a leaver\'s customers to a colleague by filter, then one back from the record', async () => {
    const profileDir = tempDir('coffer-e2e-owner-');
    await seedHandOverVault(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, MANAGER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    const ownerFilter = page.getByRole('group', { name: 'Filters' }).getByLabel('Owner');
    // Owners are a list of the values that exist (issue 14), not free text.
    await ownerFilter.selectOption(LEAVER.username);
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(3);

    await page.getByRole('group', { name: 'Hand over all 3 matching customers' }).waitFor();
    // One hand-over box on screen (nothing ticked, no record open); its label follows the count.
    const all = page.getByTestId('assign-owner');
    await all.getByLabel('Hand over all 3 matching customers').selectOption(SALES.username);
    await all.getByRole('button', { name: 'Assign owner' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByText(`Give 3 customer(s) to ${SALES.displayName} (${SALES.username})?`, { exact: false }).waitFor();
    // Esc backs out of the confirm dialog without changing anything.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('customer-row').count()).toBe(3);
    await all.getByRole('button', { name: 'Assign owner' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Yes, assign' }).click();
    await all.getByRole('status').getByText(`3 customer(s) now belong to ${SALES.displayName} (${SALES.username}).`).waitFor();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(0);
    expect(await ownersOf(app.router)).toEqual({ 'Owner Customer': OWNER.username, 王伟: SALES.username, 李娜: SALES.username, 'Acme Tea': SALES.username });

    // Clear the filter, tick one customer in the table and hand it on with the bulk bar.
    await ownerFilter.selectOption('');
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(4);
    await page.getByLabel('Select Acme Tea').check();
    const bulk = page.getByTestId('assign-owner').first();
    await bulk.getByLabel('New owner').selectOption(MANAGER.username);
    await bulk.getByRole('button', { name: 'Assign owner' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Yes, assign' }).click();
    await bulk.getByRole('status').waitFor();
    await page.getByTestId('customer-row').filter({ hasText: '王伟' }).click();
    const detail = page.getByTestId('customer-detail');
    await detail.getByTestId('customer-owner').getByText(SALES.username).waitFor();
    const assign = detail.getByTestId('assign-owner');
    await assign.getByLabel('New owner').selectOption(OWNER.username);
    await assign.getByRole('button', { name: 'Assign owner' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Yes, assign' }).click();
    await detail.getByTestId('customer-owner').getByText(OWNER.username).waitFor();
    expect(await ownersOf(app.router)).toEqual({ 'Owner Customer': OWNER.username, 王伟: OWNER.username, 李娜: SALES.username, 'Acme Tea': MANAGER.username });

    const rows = (await ok(app.router, 'check', 'audit.query', { action: 'customer.owner', limit: 50 })) as { username: string; outcome: string; fields: string[] }[];
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.username === MANAGER.username && r.outcome === 'ok' && r.fields.join() === 'owner')).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('in Chinese, the owner sees who has not signed in, changes N, disables one with a click and confirm', async () => {
    const profileDir = tempDir('coffer-e2e-owner-');
    await seedHandOverVault(profileDir);
    app = await launchApp({ profileDir, osLocales: ['zh-CN'] });
    const { page } = app;
    await page.getByTestId('login').waitFor();
    await page.getByLabel('用户名').fill(OWNER.username);
    await page.getByLabel('密码').fill(OWNER.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('button', { name: '用户', exact: true }).click();

    const card = page.getByTestId('stale-accounts');
    await card.getByText('以下账号已有 30 天未登录', { exact: false }).waitFor();
    await card.getByTestId(`stale-${SALES.username}`).waitFor();
    const leaver = card.getByTestId(`stale-${LEAVER.username}`);
    expect(await leaver.locator('td').nth(2).innerText()).toBe('销售');
    expect(await leaver.locator('td').nth(4).innerText()).toBe('3');
    expect(await card.getByTestId(`stale-${MANAGER.username}`).count()).toBe(0);

    await card.getByLabel('未登录天数').fill('60');
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByText('以下账号已有 60 天未登录', { exact: false }).waitFor();
    await expect.poll(() => card.getByTestId(`stale-${LEAVER.username}`).count()).toBe(0);

    const stale = card.getByTestId(`stale-${SALES.username}`);
    await stale.getByRole('button', { name: '停用' }).click();
    // The app's modal dialog: Esc backs out, Enter confirms.
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByText(`停用 ${SALES.username}？对方会立即退出登录`, { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await stale.count()).toBe(1);
    await stale.getByRole('button', { name: '停用' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await card.getByText(`已停用 ${SALES.username}。`).waitFor();
    await expect.poll(() => card.getByTestId(`stale-${SALES.username}`).count()).toBe(0);
    await card.getByText('所有账号在 60 天内都登录过。').waitFor();

    expect(await app.router.dispatch({ senderId: 'x' }, 'session.login', { username: SALES.username, password: SALES.password })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(app.router, 'check', 'session.login', { username: OWNER.username, password: OWNER.password });
    expect(await ok(app.router, 'check', 'users.stale', {})).toEqual({ days: 60, users: [] });

    // The leaver's customers go to the owner from one record, in Chinese too.
    await page.getByRole('button', { name: '客户', exact: true }).click();
    await page.getByTestId('customer-row').filter({ hasText: '李娜' }).click();
    const assign = page.getByTestId('customer-detail').getByTestId('assign-owner');
    await assign.getByLabel('新负责人').selectOption(OWNER.username);
    await assign.getByRole('button', { name: '指定负责人' }).click();
    await page.getByTestId('confirm-dialog').getByText('将 1 位客户交给 Boss (boss)？', { exact: false }).waitFor();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: '确认指定' }).click();
    await assign.getByText('已有 1 位客户交由 Boss (boss) 负责。').waitFor();
    expect((await ownersOf(app.router))['李娜']).toBe(OWNER.username);
    expect(app.pageErrors).toEqual([]);
  });
});
