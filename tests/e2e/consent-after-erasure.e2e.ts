import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsOff } from './approval-policy';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('an erased person comes back only with a new consent, in Chromium', () => {
  it('the customer form refuses, the owner records the new consent (purposes, basis, evidence), and the consent tab says why the person is back', async () => {
    const profileDir = tempDir('coffer-e2e-consent-back-');
    await seedVault(profileDir, OWNER, async (router) => {
      await approvalsOff(router, 'seed', ['privacy.erase']);
      const { id } = (await ok(router, 'seed', 'customers.create', { name: '陈静', mobile: '13812345670' })) as { id: number };
      await ok(router, 'seed', 'privacy.erase', { customerId: id, mode: 'anonymise' });
    });
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    await form.getByLabel('Name').fill('陈静');
    await form.getByLabel('Mobile').fill('13812345670');
    await form.getByRole('button', { name: 'Save' }).click();

    const panel = page.getByTestId('new-consent');
    await panel.waitFor();
    await panel.getByTestId('new-consent-purpose-phone-follow-up').check();
    await panel.getByTestId('new-consent-source').selectOption('in-store-verbal');
    await panel.getByTestId('new-consent-save').click();

    const record = page.getByTestId('customer-detail');
    await record.getByRole('heading', { name: '陈静' }).waitFor();
    await record.getByRole('tab', { name: 'Consent' }).click();
    const history = record.getByTestId('consent-history');
    await expect.poll(async () => (await history.locator('tbody tr').all()).length).toBe(2);
    expect(await history.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-origin')))).toEqual(['after-erasure', 'after-erasure']);
    expect(await history.textContent()).toContain('new consent after an erasure');
    expect(await history.textContent()).toContain('Phone follow-up');
    expect(await history.textContent()).toContain('Marketing SMS');
  }, 120_000);
});
