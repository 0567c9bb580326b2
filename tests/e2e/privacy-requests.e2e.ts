import { afterEach, expect, it } from 'vitest';
import { localDay } from '../../shared/working-days';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: '老板', password: 'Lantern-Harbor-42' };
const L = CATALOG['zh-CN'];

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('the request register with a deadline, in Chromium (zh-CN)', () => {
  it('an overdue request shows red on the dashboard and in the register; a new one shows its days left and moves to answered', async () => {
    const profileDir = tempDir('coffer-e2e-requests-');
    // Received 60 days ago: far past the 15 working days of the PIPL default, so overdue.
    const longAgo = localDay(new Date(Date.now() - 60 * 86_400_000));
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'app.setLocale', { locale: 'zh-CN' });
      await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678' });
      await ok(router, 'seed', 'privacyRequests.create', { type: 'deletion', receivedOn: longAgo, channel: 'phone', summary: '要求删除电话号码', customerIds: [1] });
    });
    app = await launchApp({ profileDir });
    const { page } = app;
    await signInAs(app, 'zh-CN', OWNER);

    // The dashboard card: one open, one overdue, in red.
    const card = page.getByTestId('dashboard-requests');
    await card.waitFor();
    await expect.poll(() => card.getByTestId('dashboard-requests-overdue').getAttribute('data-count')).toBe('1');
    expect(await card.getByTestId('dashboard-requests-overdue').getAttribute('class')).toMatch(/overdue/);
    expect(await card.getByTestId('dashboard-requests-counts').textContent()).toContain('1 条处理中');

    // The register: the overdue row is red and says by how many days.
    await page.getByTestId('nav-privacy').click();
    await page.getByRole('tab', { name: L['nav.requests'] }).click();
    const table = page.getByTestId('requests-table');
    await table.waitFor();
    const late = table.getByTestId('request-row').first();
    expect(await late.getAttribute('data-overdue')).toBe('true');
    expect(await late.getByTestId('request-days-left').textContent()).toMatch(/^已逾期 \d+ 天$/);
    expect(await late.textContent()).toContain('删除');
    await page.getByTestId('request-filter-overdue').click();
    await expect.poll(() => page.getByTestId('request-row').count()).toBe(1);

    // A new access request, received today, about 王伟.
    await page.getByTestId('request-new').click();
    const dialog = page.getByTestId('request-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('request-type').selectOption('access');
    await dialog.getByTestId('request-channel').selectOption('wechat');
    await dialog.getByTestId('request-summary').fill('想查看店里保存的本人资料');
    await dialog.getByTestId('request-customer-search').fill('王伟');
    await dialog.getByTestId('request-customer-add').click();
    await expect.poll(() => dialog.getByTestId('request-customer-linked').textContent()).toContain('王伟');
    await dialog.getByTestId('request-handler').selectOption(OWNER.username);
    await dialog.getByRole('button', { name: L['req.create'] }).click();

    const view = page.getByTestId('request-page');
    await view.waitFor();
    const made = await readAs<{ id: number; dueOn: string; daysLeft: number }>(app.router, OWNER, 'privacyRequests.get', { id: 2 });
    expect(made.daysLeft).toBeGreaterThan(14); // 15 working days from today
    expect(await view.getByTestId('request-days-left').textContent()).toBe(`还剩 ${made.daysLeft} 天`);
    expect(await view.getByTestId('request-days-left').getAttribute('data-overdue')).toBe('false');
    expect(await view.getByTestId('request-state').textContent()).toBe(L['req.state.received']);

    // received → verified → in progress → answered.
    await view.getByTestId('request-to-verified').click();
    let step = page.getByTestId('request-action-dialog');
    await step.getByTestId('request-method').selectOption('known-wechat');
    await step.getByRole('button', { name: L['req.act.save'] }).click();
    await expect.poll(() => view.getByTestId('request-state').textContent()).toBe(L['req.state.verified']);
    expect(await view.getByTestId('request-identity').textContent()).toContain('已知的微信账号，核验人 老板');

    await view.getByTestId('request-to-in_progress').click();
    await page.getByTestId('request-action-dialog').getByRole('button', { name: L['req.act.save'] }).click();
    await expect.poll(() => view.getByTestId('request-state').textContent()).toBe(L['req.state.in_progress']);

    await view.getByTestId('request-to-answered').click();
    step = page.getByTestId('request-action-dialog');
    expect(await step.getByRole('button', { name: L['req.act.save'] }).isDisabled()).toBe(true);
    await step.getByTestId('request-action-text').fill('已通过微信发送个人信息副本');
    await step.getByRole('button', { name: L['req.act.save'] }).click();
    await expect.poll(() => view.getByTestId('request-state').textContent()).toBe(L['req.state.answered']);
    expect(await view.getByTestId('request-outcome').textContent()).toBe('已通过微信发送个人信息副本');
    expect(await view.getByTestId('request-days-left').textContent()).toBe(L['req.stopped']);
    const history = await view.getByTestId('request-history').textContent();
    for (const line of ['已接收 → 身份已核验', '身份已核验 → 处理中', '处理中 → 已答复']) expect(history).toContain(line);
    // 24-hour times in the history (no 上午/下午).
    expect(history).not.toMatch(/上午|下午/);

    // Back in the register: the answered request has left the open list; the overdue one is still red.
    await view.getByRole('button', { name: L['req.back'] }).click();
    await table.waitFor();
    await expect.poll(() => page.getByTestId('request-row').count()).toBe(1);
    expect(await page.getByTestId('request-row').first().getAttribute('data-overdue')).toBe('true');
    await page.getByTestId('request-filter-all').click();
    await expect.poll(() => page.getByTestId('request-row').count()).toBe(2);
  });
});

describeKeychain('a correction request and the deadline settings, in Chromium (en)', () => {
  it('opens the record from the request, links the saved change to it, and the owner edits the holiday table', async () => {
    const E = CATALOG.en;
    const profileDir = tempDir('coffer-e2e-correction-');
    const today = localDay(new Date());
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'app.setLocale', { locale: 'en' });
      await ok(router, 'seed', 'customers.create', { name: 'Zhang Wei', company: 'Old Co' });
      await ok(router, 'seed', 'privacyRequests.create', { type: 'correction', receivedOn: today, channel: 'email', summary: 'My company changed', customerIds: [1] });
      await ok(router, 'seed', 'privacyRequests.act', { action: 'verify', id: 1, method: 'known-email' });
    });
    app = await launchApp({ profileDir });
    const { page } = app;
    await signInAs(app, 'en', OWNER);
    await page.getByTestId('nav-privacy').click();
    await page.getByRole('tab', { name: E['nav.requests'] }).click();
    await page.getByTestId('request-row').first().click();
    const view = page.getByTestId('request-page');
    await view.getByTestId('request-open-record').click();

    const form = page.getByTestId('customer-form');
    await form.waitFor();
    expect(await form.getByTestId('correction-notice').textContent()).toContain('request #1');
    await form.getByLabel('Company').fill('New Co');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const detail = await readAs<{ events: { kind: string; fields: string[] }[] }>(app.router, OWNER, 'privacyRequests.get', { id: 1 });
    expect(detail.events.at(-1)).toMatchObject({ kind: 'corrected', fields: ['company'] });

    // Back to the request: its history names the correction.
    await page.getByTestId('nav-privacy').click();
    await page.getByRole('tab', { name: E['nav.requests'] }).click();
    await page.getByTestId('request-row').first().click();
    await expect.poll(() => page.getByTestId('request-history').textContent()).toContain('Customer record corrected: company');

    // Settings: the shipped 2026 table with 国庆 and its make-up Saturday; the owner adds a shop holiday.
    await page.getByRole('button', { name: E['nav.settings'] }).click();
    const settings = page.getByTestId('request-settings');
    await settings.getByTestId('holiday-year').fill('2026');
    const table = settings.getByTestId('holiday-table');
    await expect.poll(() => table.textContent()).toContain('国庆节调休上班');
    expect(await table.textContent()).toContain('Make-up working day');
    await settings.getByTestId('holiday-day').fill('2026-12-24');
    await settings.getByTestId('holiday-save').click();
    await expect.poll(() => table.textContent()).toContain('Dec 24, 2026');
    await settings.getByTestId('rule-pipl-amount').fill('10');
    await settings.getByTestId('rule-pipl-save').click();
    const router = app.router;
    const piplDays = async () => (await readAs<{ rules: { regime: string; amount: number }[] }>(router, OWNER, 'privacyRequests.settings', {})).rules.find((r) => r.regime === 'pipl')?.amount;
    await expect.poll(piplDays).toBe(10);
    expect(app.pageErrors).toEqual([]);
  });
});
