import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import type { Router } from '../../electron/ipc/router';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

/**
 * The alert inbox, the step-up dialog, the rules settings and the suspended sign-in, in Chromium
 * against the real router and core: every alert here is raised by driving a rule in main.
 */

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const AUDITOR = { username: 'audrey', displayName: 'Audrey', password: 'Paper-Trail-5150' };
const MOBILE = '13912345678';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function seed(profileDir: string): Promise<void> {
  await seedVault(profileDir, OWNER, async (router) => {
    await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
    await ok(router, 'seed', 'users.create', { ...AUDITOR, role: 'auditor' });
    await ok(router, 'seed-sales', 'session.login', { username: SALES.username, password: SALES.password });
    await ok(router, 'seed-sales', 'customers.create', { name: '王伟', mobile: MOBILE });
    await ok(router, 'seed-sales', 'customers.create', { name: 'Ada Quill', mobile: '13800001111' });
  });
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('signed-in-as').click();
  await page.getByRole('button', { name: /^(Sign out|退出登录)$/ }).click();
  await page.getByTestId('login').waitFor();
}

/** The page's own session reveals through its bridge (not the UI) until a rule asks for the password again. */
async function revealUntilStepUp(page: Page, id: number): Promise<number> {
  return page.evaluate(async (customerId) => {
    const bridge = (window as unknown as { coffer: Record<string, (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>> }).coffer;
    for (let i = 1; i <= 60; i += 1) {
      const result = await bridge['customers.reveal']!({ id: customerId, field: 'mobile', reason: 'Calling back about an order' });
      if (!result.ok && result.error?.code === 'STEP_UP_REQUIRED') return i;
    }
    return -1;
  }, id);
}

async function customerId(router: Router, name: string): Promise<number> {
  const list = await readAs<{ items: { id: number; name: string }[] }>(router, OWNER, 'customers.list', {});
  return list.items.find((c) => c.name === name)!.id;
}

describeKeychain('security alerts in Chromium', () => {
  it('sales over the reveal limit gets the password dialog and goes on; the owner finds the alert from the badge and acknowledges it with a note; the auditor reads it only; the owner changes a rule', async () => {
    const profileDir = tempDir('coffer-e2e-alerts-');
    await seed(profileDir);
    app = await launchApp({ profileDir });
    const { page, router } = app;
    const id = await customerId(router, '王伟');

    // Sales: many reveals in a short while, then one more from the record, which asks for the password.
    await signInAs(app, 'en', SALES);
    expect(await page.getByTestId('nav-alerts').count()).toBe(0);
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-row').filter({ hasText: '王伟' }).click();
    const detail = page.getByTestId('customer-detail');
    await detail.getByTestId('field-mobile').waitFor();
    expect(await revealUntilStepUp(page, id)).toBeGreaterThan(30);
    await detail.getByTestId('field-mobile').getByRole('button', { name: 'Show' }).click();
    const reveal = page.getByTestId('reveal-dialog');
    await reveal.getByLabel('Why do you need it? (kept in the audit log)').fill('Calling back about order 1042');
    await reveal.getByRole('button', { name: 'Show' }).click();
    const stepUp = page.getByTestId('step-up-dialog');
    await stepUp.getByText('Enter your password again').waitFor();
    await stepUp.getByLabel('Your password').fill('not my password');
    await stepUp.getByRole('button', { name: 'Continue' }).click();
    await stepUp.getByTestId('error').waitFor();
    expect(await stepUp.getByLabel('Your password').inputValue()).toBe('');
    await stepUp.getByLabel('Your password').fill(SALES.password);
    await stepUp.getByRole('button', { name: 'Continue' }).click();
    await stepUp.waitFor({ state: 'detached' });
    // The refused reveal was repeated after the password: the number is there without another click.
    await detail.getByTestId('field-mobile').getByText(MOBILE).waitFor();
    await signOut(page);

    // Owner: the badge on the menu says one open alert; the inbox names who, what and which customer.
    await signInAs(app, 'en', OWNER);
    const nav = page.getByTestId('nav-alerts');
    await nav.getByTestId('alerts-badge').getByText('1').waitFor();
    await page.getByTestId('dashboard-alerts-open').getByText('Open alerts: 1').waitFor();
    await nav.click();
    const row = page.locator('[data-testid^="alert-"][data-rule="reveals.many"]');
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Showed many full values');
    expect(text).toContain('Lily 李 (lily)');
    expect(text).toContain('王伟');
    expect(text).not.toContain(MOBILE);
    // An alert about an account can become a breach record in one step: the dialog comes filled
    // from the alert, and nothing is recorded until the owner saves (here: cancels).
    await row.getByRole('button', { name: 'Record as a breach' }).click();
    const draft = page.getByTestId('breach-dialog');
    await draft.waitFor();
    expect(await draft.getByTestId('breach-summary').inputValue()).toContain('Showed many full values');
    expect(await draft.getByTestId('breach-summary').inputValue()).toContain('Lily 李 (lily)');
    expect(await draft.getByTestId('breach-source').inputValue()).toBe('leaked-account');
    await expect.poll(() => draft.getByTestId('breach-username').inputValue()).toBe(SALES.username);
    expect(await draft.getByTestId('breach-occurred').inputValue()).not.toBe('');
    await draft.press('Escape');
    await draft.waitFor({ state: 'detached' });
    expect(await readAs<unknown[]>(router, OWNER, 'breach.list', { filter: 'all' })).toEqual([]);
    await nav.click();
    await row.waitFor();
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    const ack = page.getByTestId('alert-ack-dialog');
    await ack.getByLabel('Note').fill('Lily was calling back the VIP list; talked to her.');
    await ack.getByRole('button', { name: 'Acknowledge' }).click();
    await ack.waitFor({ state: 'detached' });
    await page.getByTestId('alerts-empty').getByText('No security alerts').waitFor();
    await expect.poll(() => nav.getByTestId('alerts-badge').count()).toBe(0);
    await page.getByTestId('alerts-filter').selectOption('all');
    await row.getByText('Acknowledged').waitFor();
    expect(await row.getByTestId('alert-note').innerText()).toBe('Lily was calling back the VIP list; talked to her.');
    const stored = await readAs<{ items: { rule: string; state: string; note?: string | null }[] }>(router, OWNER, 'alerts.list', { state: 'all' });
    expect(stored.items).toEqual([expect.objectContaining({ rule: 'reveals.many', state: 'acknowledged', note: 'Lily was calling back the VIP list; talked to her.' })]);

    // Settings > Monitoring rules: a new limit and a new action reach the vault.
    await page.getByTestId('nav-settings').click();
    const exports = page.getByTestId('rule-exports.many');
    await exports.getByLabel('Limit').fill('5');
    await exports.getByLabel('Then').selectOption('step-up');
    await exports.getByRole('button', { name: 'Save' }).click();
    await exports.getByTestId('rule-notice').getByText('Rule saved.').waitFor();
    const rules = await readAs<{ rules: { id: string; threshold: number; action: string; enabled: boolean }[] }>(router, OWNER, 'monitoring.rules');
    expect(rules.rules.find((r) => r.id === 'exports.many')).toMatchObject({ threshold: 5, action: 'step-up', enabled: true });
    // The switch: Boss is the only owner, so turning a rule off is his own go-ahead: the typed
    // confirmation, his password and a cooling-off; the rule stays on meanwhile and the notice says so.
    await exports.getByTestId('rule-enabled').click();
    const approval = page.getByTestId('approval-dialog');
    await approval.getByText('Nobody else can approve this').waitFor();
    await approval.getByTestId('approval-reason').fill('Too noisy at month end');
    const label = await approval.getByTestId('approval-confirm').evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '');
    await approval.getByTestId('approval-confirm').fill(label.replace(/^Type /, '').replace(/ to confirm$/, ''));
    await approval.getByTestId('approval-password').fill(OWNER.password);
    await approval.getByRole('button', { name: 'Confirm and start the cooling-off' }).click();
    const waiting = page.getByTestId('approval-waiting');
    await waiting.getByTestId('approval-cooling-off').waitFor();
    await waiting.getByRole('button', { name: 'Close' }).click();
    await exports.getByTestId('rule-notice').getByText('Turning this rule off can run after the cooling-off').waitFor();
    expect(await exports.getByTestId('rule-enabled').isChecked()).toBe(true);
    const after = await readAs<{ rules: { id: string; enabled: boolean }[] }>(router, OWNER, 'monitoring.rules');
    expect(after.rules.find((r) => r.id === 'exports.many')!.enabled).toBe(true);
    const asked = await readAs<{ items: { operation: string; state: string; noSecondPerson: boolean }[] }>(router, OWNER, 'approvals.list', { view: 'mine' });
    expect(asked.items).toEqual([expect.objectContaining({ operation: 'monitoring.setRule', state: 'approved', noSecondPerson: true })]);
    // Business hours: on, from 09:00, Sundays too.
    const hours = page.getByTestId('business-hours');
    await hours.getByTestId('hours-enabled').check();
    await hours.getByLabel('From').fill('09:00');
    await hours.getByTestId('hours-day-0').check();
    await hours.getByRole('button', { name: 'Save' }).click();
    await hours.getByText('Business hours saved.').waitFor();
    const saved = await readAs<{ businessHours: unknown }>(router, OWNER, 'monitoring.rules');
    expect(saved.businessHours).toEqual({ enabled: true, start: '09:00', end: '20:00', days: [0, 1, 2, 3, 4, 5, 6] });
    await signOut(page);

    // Auditor: reads the inbox, cannot acknowledge.
    await signInAs(app, 'en', AUDITOR);
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alerts-read-only').waitFor();
    await page.getByTestId('alerts-filter').selectOption('all');
    await page.locator('[data-testid^="alert-"][data-rule="reveals.many"]').waitFor();
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
  });

  it('中文：没有提醒时显示“没有安全提醒”；规则冻结的销售账号登录时看到暂停说明；店主在安全提醒里看到中文规则名', async () => {
    const profileDir = tempDir('coffer-e2e-alerts-zh-');
    await seed(profileDir);
    app = await launchApp({ profileDir, osLocales: ['zh-CN'] });
    const { page, router } = app;
    const L = CATALOG['zh-CN'];

    await signInAs(app, 'zh-CN', OWNER);
    await page.getByRole('button', { name: L['nav.alerts'], exact: true }).click();
    await page.getByTestId('alerts-empty').getByText('没有安全提醒').waitFor();
    // Any customer read over a limit of 0 suspends: the owner sets it in Settings > 监控规则.
    await page.getByTestId('nav-settings').click();
    const bulk = page.getByTestId('rule-bulk.read');
    await bulk.getByLabel(L['monitor.col.threshold']).fill('0');
    await bulk.getByLabel(L['monitor.col.action']).selectOption({ label: '冻结账号' });
    await bulk.getByRole('button', { name: L['monitor.save'] }).click();
    await bulk.getByTestId('rule-notice').getByText('规则已保存。').waitFor();

    // Lily reads her customers through the router: the rule suspends her account.
    const sales = 'zh-sales';
    await ok(router, sales, 'session.login', { username: SALES.username, password: SALES.password });
    await router.dispatch({ senderId: sales }, 'customers.list', {});
    await signOut(page);
    await page.getByLabel(L['login.username']).fill(SALES.username);
    await page.getByLabel(L['login.password']).fill(SALES.password);
    await page.getByRole('button', { name: L['login.submit'] }).click();
    await page.getByTestId('login').getByText('账号已被暂停，请联系店主复核。').waitFor();

    await signInAs(app, 'zh-CN', OWNER);
    await page.getByTestId('nav-alerts').click();
    const row = page.locator('[data-testid^="alert-"][data-rule="bulk.read"]');
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('读取了极大量客户');
    expect(text).toContain('Lily 李');
    expect(text).toContain('待处理');
  });
});
