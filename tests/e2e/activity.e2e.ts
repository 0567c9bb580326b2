import { afterEach, expect, it } from 'vitest';
import { insertReminder } from '../../electron/core/reminders/reminder-repository';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const HOUR = 3_600_000;

/** Local "YYYY-MM-DD" of a date, as the date fields take it. */
const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * The owner's customer with a contact yesterday and a reminder due later today (assigned to the
 * owner); Lily's customer 王芳 with a reminder overdue since yesterday (assigned to Lily); and
 * (many) 501 upcoming reminders of the owner's, one more than a page.
 */
async function seed(profileDir: string, many = false): Promise<void> {
  await seedVault(profileDir, OWNER, async (router, core) => {
    await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
    await ok(router, 'lily', 'session.login', { username: SALES.username, password: SALES.password });
    const mine = (await ok(router, 'seed', 'customers.create', { name: 'Owner Customer' })) as { id: number };
    const hers = (await ok(router, 'lily', 'customers.create', { name: '王芳' })) as { id: number };
    const now = Date.now();
    await ok(router, 'seed', 'interactions.add', { customerId: mine.id, kind: 'visit', at: new Date(now - 24 * HOUR).toISOString(), summary: 'Came by the shop' });
    const endOfToday = new Date(now);
    endOfToday.setHours(23, 59, 0, 0);
    await ok(router, 'seed', 'reminders.add', { customerId: mine.id, dueAt: new Date(Math.max(now + 60_000, endOfToday.getTime() - 60_000)).toISOString(), note: 'Send the price list' });
    const yesterday = new Date(now);
    yesterday.setDate(yesterday.getDate() - 1);
    await ok(router, 'lily', 'reminders.add', { customerId: hers.id, dueAt: yesterday.toISOString(), note: '周五前回电' });
    const later = new Date(now);
    later.setDate(later.getDate() + 3);
    if (!many) return;
    // One transaction straight into the table: 501 audited calls take minutes on a busy machine.
    const db = core.vault.db();
    db.transaction(() => {
      for (let i = 0; i < 501; i++) insertReminder(db, { customerId: mine.id, ownerId: 1, dueAt: new Date(later.getTime() + i * 60_000).toISOString(), note: `Later ${i}`, createdBy: 1 }, new Date().toISOString());
    })();
  });
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('activity, reminders and the dashboard in Chromium', () => {
  it('the owner switches Mine/Everyone on the dashboard and the reminders agree; the chart has axes and a tooltip; no cap is silent', async () => {
    const profileDir = tempDir('coffer-e2e-activity-');
    await seed(profileDir, true);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);
    const dashboard = page.getByTestId('dashboard');
    await dashboard.waitFor();

    // Mine (the default): only the owner's own reminder.
    await expect.poll(() => page.getByTestId('dashboard-reminder').count()).toBe(1);
    await page.getByTestId('dashboard-due-counts').getByText('0 overdue').waitFor();
    await page.getByRole('radio', { name: 'Everyone' }).click();
    await expect.poll(() => page.getByTestId('dashboard-reminder').count()).toBe(2);
    await page.getByTestId('dashboard-due-counts').getByText('1 overdue').waitFor();
    await page.getByTestId('dashboard-reminder').getByText('周五前回电', { exact: false }).waitFor();

    // The chart: SVG with both axis labels, and a tooltip for the week under the pointer.
    const chart = page.getByTestId('dashboard-chart');
    await chart.locator('svg.recharts-surface').waitFor();
    await chart.getByText('Week starting').waitFor();
    await chart.getByText('Interactions', { exact: true }).waitFor();
    // This week's bar (the last one) holds yesterday's visit.
    await chart.locator('.recharts-bar-rectangle path').last().hover({ timeout: 10_000 });
    await page.getByTestId('chart-tooltip').getByText('1 interactions', { exact: false }).waitFor();

    // The Reminders page follows the same switch (still Everyone) and counts every tab.
    await page.getByRole('button', { name: 'Reminders', exact: true }).click();
    await page.getByTestId('reminders-page').waitFor();
    expect(await page.getByRole('radio', { name: 'Everyone' }).getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('reminders-tab-overdue').getByText('1').waitFor();
    await page.getByTestId('reminders-tab-today').getByText('1').waitFor();
    await page.getByTestId('reminders-tab-upcoming').getByText('501').waitFor();
    await expect.poll(() => page.getByTestId('reminder-row').count()).toBe(1);
    await page.getByRole('radio', { name: 'Mine' }).click();
    await page.getByTestId('reminders-tab-overdue').getByText('0').waitFor();

    // 501 upcoming: a page of 500 says so, and one click shows the rest.
    await page.getByTestId('reminders-tab-upcoming').click();
    await expect.poll(() => page.getByTestId('reminder-row').count()).toBe(500);
    await page.getByTestId('reminders-showing').getByText('Showing 500 of 501').waitFor();
    await page.getByRole('button', { name: 'Show 1 more' }).click();
    await expect.poll(() => page.getByTestId('reminder-row').count()).toBe(501);
    await page.getByTestId('reminders-showing').getByText('Showing 501 of 501').waitFor();

    // Done on the dashboard's reminder: the tab counts and the dashboard both move.
    await page.getByTestId('reminders-tab-today').click();
    await page.getByTestId('reminder-row').getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('reminders-tab-done').getByText('1').waitFor();
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByTestId('dashboard-due-counts').getByText('0 due today').waitFor();
    expect(app.pageErrors).toEqual([]);
  }, 240_000);

  it('sales set an interaction’s time, edit and delete it, and are told why an amount is refused; no switch for them', async () => {
    const profileDir = tempDir('coffer-e2e-activity-');
    await seed(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, SALES);
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('dashboard-reminder').getByText('周五前回电', { exact: false }).waitFor();
    expect(await page.getByTestId('scope-switch').count()).toBe(0);

    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customer-row').getByText('王芳').click();
    await page.getByTestId('customer-detail').getByRole('tab', { name: 'Activity' }).click();
    const timeline = page.getByTestId('customer-detail').getByTestId('timeline');
    const form = timeline.getByTestId('interaction-form');
    const twoHoursAgo = new Date(Date.now() - 2 * HOUR);
    const time = `${String(twoHoursAgo.getHours()).padStart(2, '0')}:${String(twoHoursAgo.getMinutes()).padStart(2, '0')}`;

    // A time in the future is refused before sending.
    const tomorrow = new Date(Date.now() + 24 * HOUR);
    await form.getByLabel('Date').fill(localDay(tomorrow));
    await form.getByTestId('at-error').waitFor();
    expect(await form.getByRole('button', { name: 'Add', exact: true }).isDisabled()).toBe(true);

    await form.getByLabel('Kind').selectOption('wechat');
    await form.getByLabel('Date').fill(localDay(twoHoursAgo));
    await form.getByLabel('Time').fill(time);
    await form.getByLabel('What happened').fill('微信确认了报价');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const entry = timeline.getByTestId('timeline-entry').filter({ hasText: '微信确认了报价' });
    await entry.waitFor();
    const shown = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(twoHoursAgo.getFullYear(), twoHoursAgo.getMonth(), twoHoursAgo.getDate(), twoHoursAgo.getHours(), twoHoursAgo.getMinutes()));
    await entry.getByText(shown, { exact: false }).waitFor();

    await entry.getByRole('button', { name: 'Edit WeChat' }).click();
    const edit = timeline.getByTestId('interaction-edit');
    expect(await edit.getByLabel('Time').inputValue()).toBe(time);
    await edit.getByLabel('What happened').fill('微信确认了报价和送货日期');
    await edit.getByRole('button', { name: 'Save' }).click();
    await timeline.getByTestId('timeline-entry').filter({ hasText: '送货日期' }).waitFor();

    await timeline.getByTestId('timeline-entry').filter({ hasText: '送货日期' }).getByRole('button', { name: 'Delete WeChat' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Delete this interaction?').waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => timeline.getByTestId('timeline-entry').filter({ hasText: '送货日期' }).count()).toBe(0);

    await timeline.getByRole('tab', { name: 'Purchase' }).click();
    const purchase = timeline.getByTestId('purchase-form');
    await purchase.getByLabel('Item').fill('龙井 250g');
    for (const [typed, why] of [['-5', 'cannot be negative'], ['12.345', 'at most two decimals'], ['12x', 'as a number'], ['9999999999999', 'too large']] as const) {
      await purchase.getByLabel('Amount').fill(typed);
      await purchase.getByTestId('amount-error').getByText(why, { exact: false }).waitFor();
      expect(await purchase.getByRole('button', { name: 'Add purchase' }).isDisabled()).toBe(true);
    }
    await purchase.getByLabel('Amount').fill('128.50');
    expect(await purchase.getByTestId('amount-error').count()).toBe(0);
    await purchase.getByRole('button', { name: 'Add purchase' }).click();
    await timeline.getByTestId('timeline-entry').filter({ hasText: '龙井 250g' }).getByText('128.50', { exact: false }).waitFor();

    const audit = JSON.stringify(app.core.vault.db().prepare("SELECT action, username FROM audit_log WHERE action IN ('interaction.update', 'interaction.delete')").all());
    expect(audit).toContain('"interaction.update","username":"lily"');
    expect(audit).toContain('"interaction.delete","username":"lily"');
    expect(app.pageErrors).toEqual([]);
  }, 240_000);

  it('in Chinese the time is typed on a 24-hour clock', async () => {
    const profileDir = tempDir('coffer-e2e-activity-');
    await seed(profileDir);
    app = await launchApp({ profileDir, osLocales: ['zh-CN'] });
    const { page } = app;
    await page.getByTestId('login').waitFor();
    await page.getByLabel('用户名').fill(SALES.username);
    await page.getByLabel('密码').fill(SALES.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('button', { name: '客户' }).first().click();
    await page.getByTestId('customer-row').getByText('王芳').click();
    await page.getByTestId('customer-detail').getByRole('tab', { name: '联系记录' }).click();
    const form = page.getByTestId('interaction-form');
    const time = form.getByLabel('时间');
    expect(await time.getAttribute('type')).toBeNull();
    await form.getByLabel('日期').fill(localDay(new Date(Date.now() - 24 * HOUR)));
    await time.fill('14:05');
    await form.getByLabel('发生了什么').fill('下午来店里看了样品');
    await form.getByRole('button', { name: '添加' }).click();
    const entry = page.getByTestId('timeline-entry').filter({ hasText: '下午来店里看了样品' });
    await entry.getByText('14:05', { exact: false }).waitFor();
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});
