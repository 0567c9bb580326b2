import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('the live duplicate warning in the customer form, in Chromium', () => {
  it('sales get a link to their own customer with the same e-mail, and only "ask a manager" for the owner\'s customer with the same mobile', async () => {
    const profileDir = tempDir('coffer-e2e-dup-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
      await ok(router, 'seed', 'customers.create', { name: 'Hidden Boss Customer', mobile: '13700001111' });
      await ok(router, 'sales', 'session.login', { username: SALES.username, password: SALES.password });
      await ok(router, 'sales', 'customers.create', { name: 'Lily Customer', email: 'lily.c@example.com' });
    });
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, SALES);
    await page.getByTestId('dashboard').waitFor();
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    await form.getByLabel('Name').fill('新客户');
    expect(await form.getByTestId('duplicate-hint').count()).toBe(0);

    // Another spelling of the owner's customer's mobile: flagged, never named.
    await form.getByLabel('Mobile').fill('+86 137 0000 1111');
    const hint = form.getByTestId('duplicate-hint');
    await hint.getByText('may belong to a customer of another owner. Ask a manager', { exact: false }).waitFor();
    expect(await hint.textContent()).not.toContain('Hidden Boss Customer');
    expect(await form.getByTestId('duplicate-link').count()).toBe(0);

    // A different number clears the warning.
    await form.getByLabel('Mobile').fill('13900002222');
    await expect.poll(() => form.getByTestId('duplicate-hint').count(), { timeout: 5000 }).toBe(0);

    // Her own customer's e-mail in capitals: a link that opens it.
    await form.getByLabel('E-mail').fill('LILY.C@Example.com');
    await hint.getByText('already exists', { exact: false }).waitFor();
    // Opening it would drop what was typed: asked first; "Cancel" keeps the form as it was.
    await form.getByTestId('duplicate-link').getByText('Lily Customer').click();
    const ask = page.getByTestId('confirm-dialog');
    await ask.getByText('What you typed in this form is not saved', { exact: false }).waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await form.getByLabel('Name').inputValue()).toBe('新客户');
    await form.getByTestId('duplicate-link').getByText('Lily Customer').click();
    await ask.getByRole('button', { name: 'Discard and open' }).click();
    await page.getByTestId('customer-detail').getByRole('heading', { name: 'Lily Customer' }).waitFor();
  });
});
