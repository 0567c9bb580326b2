import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsOff } from './approval-policy';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const NOTICE = 'We keep your name and phone number to serve your orders.\n我们仅为服务您的订单保存您的姓名和电话。';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('consent on the customer record, in Chromium', () => {
  it('from the no-basis worklist: record a consent, withdraw it, the history shows both, and a marketing export leaves that customer out', async () => {
    const profileDir = tempDir('coffer-e2e-consent-');
    const folder = tempDir('coffer-e2e-consent-out-');
    await seedVault(profileDir, OWNER, async (router) => {
      // Exporting every customer needs approval by default; this file is about consent.
      await approvalsOff(router, 'seed', ['customers.export']);
      await ok(router, 'seed', 'consent.addNotice', { text: NOTICE, effectiveDate: '2026-11-01' });
      await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678' });
      const acme = (await ok(router, 'seed', 'customers.create', { name: 'Acme Tea', mobile: '13800138000' })) as { id: number };
      await ok(router, 'seed', 'consent.record', { customerId: acme.id, purpose: 'marketing-sms', event: 'granted', basis: 'consent', separate: false, evidenceSource: 'web-form', evidenceDate: '2026-11-02' });
    });
    const saved: string[] = [];
    app = await launchApp({ profileDir, core: { pickSaveFile: async (name: string) => (saved.push(path.join(folder, name)), path.join(folder, name)) } });
    const { page } = app;
    await signIn(app, OWNER);

    // The dashboard names the one customer without a recorded basis; the worklist opens the record.
    const tile = page.getByTestId('dashboard-consent-missing');
    await expect.poll(() => tile.getByTestId('consent-missing-count').getAttribute('data-count')).toBe('1');
    await tile.getByTestId('consent-missing-open').click();
    const worklist = page.getByTestId('consent-worklist');
    await worklist.getByRole('rowheader', { name: '王伟' }).click();
    const record = page.getByTestId('customer-detail');
    await record.getByRole('tab', { name: 'Consent' }).click();
    await record.getByTestId('consent-empty').waitFor();

    // Record a consent (defaults: marketing SMS, granted, consent, today, the current notice).
    await record.getByTestId('consent-record').click();
    const dialog = page.getByTestId('consent-dialog');
    await dialog.getByLabel('Evidence', { exact: true }).selectOption('paper-form');
    expect(await dialog.getByTestId('consent-notice').locator('option:checked').textContent()).toBe('v1');
    await dialog.getByRole('button', { name: 'Record' }).click();
    const states = record.getByTestId('consent-states');
    await expect.poll(() => states.locator('[data-purpose="marketing-sms"]').getAttribute('data-state')).toBe('active');

    // Withdraw it: one action on the state row, a dialog that says what is withdrawn.
    await states.getByTestId('consent-state-action').click();
    const withdraw = page.getByTestId('consent-dialog');
    await withdraw.getByRole('heading', { name: 'Withdraw: Marketing SMS' }).waitFor();
    await withdraw.getByLabel('Evidence', { exact: true }).selectOption('wechat');
    await withdraw.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => states.locator('[data-purpose="marketing-sms"]').getAttribute('data-state')).toBe('withdrawn');
    const history = record.getByTestId('consent-history');
    await expect.poll(async () => (await history.locator('tbody tr').all()).length).toBe(2);
    expect(await history.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event')))).toEqual(['withdrawn', 'granted']);
    expect(await history.textContent()).toContain('Paper form');
    expect(await history.textContent()).toContain('WeChat');
    expect(await history.textContent()).toContain('Boss');

    // The privacy notice, shown (and printable) from the record.
    await record.getByTestId('notice-open').click();
    const notice = page.getByTestId('notice-dialog');
    expect(await notice.getByTestId('notice-text').textContent()).toBe(NOTICE);
    await notice.getByRole('button', { name: 'Cancel' }).click();

    // A marketing export leaves 王伟 out and says why.
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByTestId('export-open').click();
    const exportDialog = page.getByTestId('export-dialog');
    await exportDialog.getByLabel('CSV (.csv)').check();
    await exportDialog.getByTestId('export-purpose').selectOption('marketing-sms');
    await exportDialog.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect.poll(() => page.getByTestId('export-result').textContent()).toContain('Left out for “Marketing SMS”: 1 withdrew, 0 never granted.');
    expect(await page.getByTestId('export-result').textContent()).toContain('Exported 1 customer');
    const csv = fs.readFileSync(saved[0]!).toString('utf8');
    expect(csv).toContain('Acme Tea');
    expect(csv).not.toContain('王伟');
  });
});
