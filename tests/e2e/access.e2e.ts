import { afterEach, expect, it } from 'vitest';
import { base32Decode, hotp } from '../../electron/core/auth/totp';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault as seedVaultWith } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const MOBILE = '13912345678';

/** A vault with an owner, a sales user, one customer each: made through the router, then closed. */
async function seedVault(profileDir: string): Promise<void> {
  await seedVaultWith(profileDir, OWNER, async (router) => {
    await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
    await ok(router, 'seed', 'customers.create', { name: 'Owner Customer', mobile: '13700001111', email: 'owner.customer@example.com' });
    await ok(router, 'seed-sales', 'session.login', { username: SALES.username, password: SALES.password });
    await ok(router, 'seed-sales', 'customers.create', { name: '王伟', mobile: MOBILE, email: 'wang.wei@example.com', city: '上海', province: '上海' });
  });
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});


describeKeychain('who may see what, in Chromium', () => {
  it('sales sees only their own customers, masked; reveals one with a reason; the owner finds it in the audit log', async () => {
    const profileDir = tempDir('coffer-e2e-access-');
    await seedVault(profileDir);

    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, SALES);
    expect(await page.getByRole('button', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Audit log' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    const rows = page.getByTestId('customer-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('139****5678');
    expect(await page.content()).not.toContain(MOBILE);
    expect(await page.content()).not.toContain('Owner Customer');

    await rows.first().click();
    const detail = page.getByTestId('customer-detail');
    await detail.getByText('w***@example.com').waitFor();
    await detail.getByTestId('field-mobile').getByRole('button', { name: 'Show' }).click();
    const dialog = page.getByTestId('reveal-dialog');
    await dialog.getByLabel('Why do you need it? (kept in the audit log)').fill('Calling back about order 1042');
    await dialog.getByRole('button', { name: 'Show' }).click();
    await detail.getByTestId('field-mobile').getByText(MOBILE).waitFor();

    // Log the call on the timeline (the record's Activity tab).
    await detail.getByRole('tab', { name: 'Activity' }).click();
    const timeline = detail.getByTestId('timeline');
    await timeline.getByLabel('Kind').selectOption('call');
    await timeline.getByLabel('What happened').fill('回电确认订单 1042');
    await timeline.getByRole('button', { name: 'Add' }).click();
    await timeline.getByTestId('timeline-entry').getByText('回电确认订单 1042', { exact: false }).waitFor();

    // Lock now with the keyboard, then switch user.
    await page.keyboard.press('Control+l');
    await page.getByTestId('lock-screen').waitFor();
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.getByTestId('audit-table').waitFor();
    const reveal = page.locator('[data-testid="audit-row"][data-action="customer.reveal"]');
    await reveal.first().waitFor();
    expect(await reveal.first().innerText()).toMatch(/lily[\s\S]*customer\.reveal[\s\S]*mobile · Calling back about order 1042/);
    await page.getByRole('button', { name: 'Verify audit log' }).click();
    await page.getByTestId('audit-verdict').getByText('The audit log is intact').waitFor();

    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    expect(await page.getByTestId('customer-row').count()).toBe(2);
    // A two-character Chinese name and a phone fragment, as the owner.
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('王伟');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('1111');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('customer-row').getByText('Owner Customer').waitFor();
    expect(await page.getByTestId('customer-row').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('the owner disables a user from the Users page', async () => {
    const profileDir = tempDir('coffer-e2e-access-');
    await seedVault(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Users' }).click();
    const row = page.getByTestId(`user-${SALES.username}`);
    await row.getByText('active').waitFor();
    await row.getByRole('button', { name: 'Disable' }).click();
    // Asked first: "Cancel" changes nothing.
    const ask = page.getByTestId('confirm-dialog');
    await ask.getByText('They are signed out at once', { exact: false }).waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await row.getByText('active').waitFor();
    await row.getByRole('button', { name: 'Disable' }).click();
    await ask.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('disabled').waitFor();
    expect(await app.router.dispatch({ senderId: 'x' }, 'session.login', { username: SALES.username, password: SALES.password })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('turns on two-step sign-in and then needs the code to sign in', async () => {
    const profileDir = tempDir('coffer-e2e-access-');
    await seedVault(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, SALES);
    await page.getByTestId('signed-in-as').click();
    const box = page.getByTestId('two-factor');
    await box.getByRole('button', { name: 'Turn on' }).click();
    const secret = (await box.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    const step = Math.floor(Date.now() / 30_000);
    await box.getByLabel('Then type the 6-digit code it shows').fill(hotp(base32Decode(secret), step));
    await box.getByRole('button', { name: 'Confirm' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    expect(await codes.locator('li').count()).toBe(10);
    await codes.getByRole('button', { name: 'Done' }).click();
    await box.getByText('Two-step sign-in is on.').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByTestId('login').waitFor();
    await page.getByLabel('Username').fill(SALES.username);
    await page.getByLabel('Password').fill(SALES.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const codeField = page.getByLabel('Code from your authenticator app (or a backup code)');
    await codeField.waitFor();
    // The enrolment step is used up; the next step's code is within the allowed drift.
    await codeField.fill(hotp(base32Decode(secret), step + 1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();
  });
});
