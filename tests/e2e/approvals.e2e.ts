import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Locale } from '../../shared/contract';
import type { ApprovalItem } from '../../shared/approvals';
import type { Router } from '../../electron/ipc/router';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsDefault, approvalsOff } from './approval-policy';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

// Four-eyes approvals from the screens (issue 15), in Chromium on the real router: 主管授权 on the
// requester's screen, the inbox and My requests across two sign-ins, the one-owner cooling-off,
// and the dashboard's count. Every outcome is read back through the router.

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const MANAGER = { username: 'mia', displayName: 'Mia 王', password: 'Silver-Maple-58' };
const REASON = 'Year-end stock count';

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));

/** An owner, three customers and (optionally) a manager, with the default approval policy. */
async function seed(profileDir: string, withManager: boolean, moreVip = 0): Promise<void> {
  await seedVault(profileDir, OWNER, async (router) => {
    for (const name of ['王伟', '李娜', 'Acme Tea']) await ok(router, 'seed', 'customers.create', { name, level: 'vip' });
    for (let i = 1; i <= moreVip; i++) await ok(router, 'seed', 'customers.create', { name: `Tea Guest ${i}`, level: 'vip' });
    if (!withManager) return;
    // A new manager itself needs approval by default: the owner alone turns the policy off
    // (immediate and audited, nobody else could approve a policy change), adds Mia, and turns it back on.
    await approvalsOff(router, 'seed', ['users.create']);
    await ok(router, 'seed', 'users.create', { ...MANAGER, role: 'manager' });
    await approvalsDefault(router, 'seed');
  });
}

let app: TestApp | undefined;
afterEach(async () => {
  const opened = app;
  app = undefined;
  await opened?.close();
});

async function start(locale: Locale, withManager: boolean, saved: string[], moreVip = 0): Promise<TestApp> {
  const profileDir = tempDir('coffer-e2e-approvals-');
  const folder = tempDir('coffer-e2e-approvals-out-');
  await seed(profileDir, withManager, moreVip);
  app = await launchApp({
    profileDir,
    osLocales: [locale],
    core: {
      pickSaveFile: async (name: string) => {
        const file = path.join(folder, name);
        saved.push(file);
        return file;
      },
    },
  });
  return app;
}

const all = (router: Router) => readAs<{ items: ApprovalItem[] }>(router, OWNER, 'approvals.list', { view: 'all' }).then((r) => r.items);

async function signOut(started: TestApp, locale: Locale): Promise<void> {
  await started.page.getByTestId('signed-in-as').click();
  await started.page.getByRole('button', { name: CATALOG[locale]['home.logout'] }).click();
}

/** Opens Customers and the export dialog, and asks for every customer (no filter). */
async function exportAll(started: TestApp, locale: Locale): Promise<void> {
  const L = CATALOG[locale];
  const { page } = started;
  await page.getByRole('button', { name: L['nav.customers'], exact: true }).click();
  await page.getByTestId('customers-table').waitFor();
  await expect.poll(() => page.getByTestId('customer-row').count()).toBe(3);
  await page.getByTestId('export-open').click();
  await page.getByTestId('export-dialog').getByRole('button', { name: L['export.confirm'] }).click();
}

describeKeychain('four-eyes approvals, in Chromium', () => {
  it('主管授权: a manager exports every customer; the owner approves on the same screen (a wrong password runs nothing), and it runs once', async () => {
    const L = CATALOG.en;
    const saved: string[] = [];
    const started = await start('en', true, saved);
    const { page, router } = started;
    await signInAs(started, 'en', MANAGER);
    await exportAll(started, 'en');

    const dialog = page.getByTestId('approval-dialog');
    await dialog.getByText(L['appr.dialog.title']).waitFor();
    // What exactly will run: the export, of every customer.
    await dialog.getByTestId('approval-what').getByText(L['appr.op.customers.export']).waitFor();
    await dialog.getByTestId('approval-what').getByText(L['appr.sum.noFilter']).waitFor();
    await dialog.getByLabel(L['appr.dialog.reason']).fill(REASON);
    await dialog.getByLabel(L['appr.dialog.here']).check();
    await dialog.getByLabel(L['appr.dialog.approver']).fill(OWNER.username);
    await dialog.getByLabel(L['appr.dialog.approverPassword']).fill('not-the-password');
    await dialog.getByRole('button', { name: L['appr.dialog.approveRun'] }).click();
    await dialog.getByTestId('error').waitFor();
    expect(saved).toEqual([]);
    expect((await all(router)).map((i) => i.state)).toEqual(['pending']);

    await dialog.getByLabel(L['appr.dialog.approverPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('export-result').textContent()).toContain(fill(L['export.done'], { count: 3 }));
    expect(saved).toHaveLength(1);
    const [item] = await all(router);
    expect(item).toMatchObject({ operation: 'customers.export', state: 'executed', decidedOnScreen: true, reason: REASON, requester: { username: MANAGER.username }, decidedBy: { username: OWNER.username } });
    expect(started.pageErrors).toEqual([]);
  });

  it('zh-CN: the inbox: a manager asks, the owner sees it on the dashboard and in 待我审批, approves; the manager runs it once; a denial is final', async () => {
    const locale: Locale = 'zh-CN';
    const L = CATALOG[locale];
    const saved: string[] = [];
    const started = await start(locale, true, saved);
    const { page, router } = started;
    await signInAs(started, locale, MANAGER);
    await exportAll(started, locale);
    const dialog = page.getByTestId('approval-dialog');
    await dialog.getByLabel(L['appr.dialog.reason']).fill('年底盘点客户名单');
    await dialog.getByLabel(L['appr.dialog.inbox']).check();
    await dialog.getByRole('button', { name: L['appr.dialog.send'] }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(saved).toEqual([]);
    expect(await all(router)).toMatchObject([{ state: 'pending', reason: '年底盘点客户名单' }]);

    // The owner: the dashboard's count and the menu's badge, then the inbox says exactly what will run.
    await signOut(started, locale);
    await signInAs(started, locale, OWNER);
    await page.getByTestId('dashboard-approvals-count').getByText(fill(L['appr.dash.count'], { count: 1 })).waitFor();
    await page.getByTestId('approvals-nav-count').getByText('1').waitFor();
    await page.getByTestId('dashboard-approvals-open').click();
    const entry = page.getByTestId('approvals-inbox').getByTestId('approval-item');
    await entry.getByText(L['appr.op.customers.export']).waitFor();
    await entry.getByText(L['appr.sum.noFilter']).waitFor();
    await entry.getByText(fill(L['appr.item.reason'], { reason: '年底盘点客户名单' })).waitFor();
    await entry.getByRole('button', { name: L['appr.approve'] }).click();
    const decide = page.getByTestId('decide-dialog');
    await decide.getByLabel(L['appr.yourPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    await decide.waitFor({ state: 'detached' });
    await page.getByTestId('approvals-empty').getByText(L['appr.empty.inbox']).waitFor();
    expect(await all(router)).toMatchObject([{ state: 'approved', decidedOnScreen: false }]);

    // The manager runs it from My requests, once.
    await signOut(started, locale);
    await signInAs(started, locale, MANAGER);
    await page.getByTestId('nav-approvals').click();
    await page.getByTestId('approvals-tab-mine').click();
    const mine = page.getByTestId('approvals-mine').getByTestId('approval-item');
    await mine.getByTestId('approval-run').click();
    await page.getByTestId('run-dialog').getByRole('button', { name: L['appr.run'] }).click();
    await page.getByTestId('run-dialog').waitFor({ state: 'detached' });
    expect(saved).toHaveLength(1);
    await expect.poll(async () => (await all(router))[0]?.state).toBe('executed');
    await expect.poll(() => mine.getAttribute('data-state')).toBe('executed');
    expect(await mine.getByTestId('approval-run').count()).toBe(0);

    // A second request, denied: the requester sees it as final, with nothing to run.
    await exportAll(started, locale);
    await dialog.getByLabel(L['appr.dialog.reason']).fill('再导出一次核对');
    await dialog.getByLabel(L['appr.dialog.inbox']).check();
    await dialog.getByRole('button', { name: L['appr.dialog.send'] }).click();
    await dialog.waitFor({ state: 'detached' });
    await signOut(started, locale);
    await signInAs(started, locale, OWNER);
    await page.getByTestId('nav-approvals').click();
    await page.getByTestId('approvals-inbox').getByTestId('approval-deny').click();
    await decide.getByText(L['appr.denyBody'], { exact: false }).waitFor();
    await decide.getByLabel(L['appr.yourPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    await decide.waitFor({ state: 'detached' });
    await signOut(started, locale);
    await signInAs(started, locale, MANAGER);
    await page.getByTestId('nav-approvals').click();
    await page.getByTestId('approvals-tab-mine').click();
    const denied = page.locator('[data-testid="approval-item"][data-state="denied"]');
    await denied.getByTestId('approval-state').getByText(L['appr.state.denied']).waitFor();
    expect(await denied.getByTestId('approval-run').count()).toBe(0);
    expect(await denied.getByTestId('approval-cancel').count()).toBe(0);
    expect(saved).toHaveLength(1);
    expect(started.pageErrors).toEqual([]);
  });

  it('zh-CN: one owner alone: typed confirmation and password, the cooling-off time is shown, and the request can be cancelled', async () => {
    const locale: Locale = 'zh-CN';
    const L = CATALOG[locale];
    const saved: string[] = [];
    const started = await start(locale, false, saved);
    const { page, router } = started;
    await signInAs(started, locale, OWNER);
    await exportAll(started, locale);
    const dialog = page.getByTestId('approval-dialog');
    await dialog.getByText(L['appr.alone.title']).waitFor();
    // Nobody else could approve: no 主管授权 and no inbox on offer.
    expect(await dialog.getByLabel(L['appr.dialog.here']).count()).toBe(0);
    await dialog.getByLabel(L['appr.dialog.reason']).fill('店里只有我一个人');
    const label = await dialog.getByTestId('approval-confirm').evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '');
    const word = label.replace(/^请输入 /, '').replace(/ 以确认$/, '');
    await dialog.getByTestId('approval-confirm').fill(word);
    await dialog.getByTestId('approval-password').fill(OWNER.password);
    await dialog.getByRole('button', { name: L['appr.alone.submit'] }).click();
    const waiting = page.getByTestId('approval-waiting');
    await waiting.getByTestId('approval-cooling-off').waitFor();
    expect(await waiting.getByTestId('approval-cooling-off').textContent()).toMatch(/可在 .+ 之后执行/);
    expect(saved).toEqual([]);
    expect(await all(router)).toMatchObject([{ state: 'approved', noSecondPerson: true }]);

    await waiting.getByTestId('approval-cancel-request').click();
    await waiting.waitFor({ state: 'detached' });
    await expect.poll(async () => (await all(router))[0]?.state).toBe('cancelled');
    expect(saved).toEqual([]);
    expect(started.pageErrors).toEqual([]);
  });

  it('a bulk delete above the policy\'s rows: the owner asks, the manager approves it here (customer operations), and it runs', async () => {
    const L = CATALOG.en;
    const started = await start('en', true, [], 20);
    const { page, router } = started;
    await signInAs(started, 'en', OWNER);
    await page.getByRole('button', { name: L['nav.customers'], exact: true }).click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Level').selectOption('vip');
    const bulk = page.getByTestId('bulk-matching');
    await bulk.getByText(fill(L['list.bulkTitle'], { count: 23 })).waitFor();
    await bulk.getByRole('button', { name: L['list.bulkDelete'] }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: L['list.bulkDeleteYes'] }).click();
    const dialog = page.getByTestId('approval-dialog');
    await dialog.getByTestId('approval-what').getByText(fill(L['appr.sum.rows'], { count: 23 })).waitFor();
    await dialog.getByTestId('approval-what').getByText(fill(L['appr.sum.filter'], { filter: 'level: vip' })).waitFor();
    // A customer operation: a manager may approve it (an owner-only one would refuse her).
    expect(await dialog.getByText(L['appr.dialog.intro']).count()).toBe(1);
    await dialog.getByLabel(L['appr.dialog.reason']).fill('Duplicate test records');
    await dialog.getByLabel(L['appr.dialog.approver']).fill(MANAGER.username);
    await dialog.getByLabel(L['appr.dialog.approverPassword']).fill(MANAGER.password);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    // Every matching customer is gone from the list (the bar goes with them).
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(0);
    expect(await all(router)).toMatchObject([{ operation: 'customers.deleteMatching', state: 'executed', summary: { rows: 23 }, decidedBy: { username: MANAGER.username }, decidedOnScreen: true }]);
    expect(started.pageErrors).toEqual([]);
  });
});
