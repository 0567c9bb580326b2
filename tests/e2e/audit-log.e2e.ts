import QRCode from 'qrcode';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const MOBILE = '13912345678';
/** More changes than one page of the log holds (100), so "load older" has something to load. */
const EXTRA_CUSTOMERS = 105;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('the audit log in words, in Chromium', () => {
  it('the owner reads sign-ins and reveals as sentences, filters by user from a list, shows hidden views, and loads older entries', async () => {
    const profileDir = tempDir('coffer-e2e-auditlog-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
      for (let i = 0; i < EXTRA_CUSTOMERS; i += 1) await ok(router, 'seed', 'customers.create', { name: `Kunde ${i}` });
      await ok(router, 'lily', 'session.login', { username: SALES.username, password: SALES.password });
      const wang = (await ok(router, 'lily', 'customers.create', { name: '王伟', mobile: MOBILE })) as { id: number };
      await ok(router, 'lily', 'customers.list', { limit: 50 });
      await ok(router, 'lily', 'customers.reveal', { id: wang.id, field: 'mobile', reason: 'Calling back about order 1042' });
    });
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Audit log' }).click();
    const rows = page.getByTestId('audit-row');
    const byAction = (action: string) => page.locator(`[data-testid="audit-row"][data-action="${action}"]`);

    // Words, not codes; views hidden by default.
    await byAction('login').first().getByText('Signed in', { exact: true }).waitFor();
    expect(await byAction('customer.reveal').innerText()).toMatch(/Lily 李[\s\S]*Viewed the full mobile number of 王伟[\s\S]*Done[\s\S]*Calling back about order 1042/);
    expect(await byAction('customer.list').count()).toBe(0);
    expect(await page.getByTestId('audit-table').innerText()).not.toContain('customer.reveal');
    expect(await page.content()).not.toContain(MOBILE);

    // One page of 100, then older ones on request, without repeats.
    expect(await rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Load older entries' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(100);
    await page.getByText('No older entries.').waitFor();
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('[title]')?.getAttribute('title')));
    expect(new Set(ids).size).toBe(ids.length);

    // The user filter is a list of display names.
    const filters = page.getByTestId('audit-filters');
    await filters.getByLabel('User').selectOption({ label: 'Lily 李 (lily)' });
    await expect.poll(() => rows.count()).toBe(3);
    expect((await rows.allInnerTexts()).every((text) => text.includes('Lily 李'))).toBe(true);
    expect(await byAction('customer.create').innerText()).toContain('Added the customer 王伟');

    // Showing views brings the list read back.
    await filters.getByLabel('Hide views (lists, searches, opened records)').uncheck();
    await byAction('customer.list').getByText('Viewed the customer list').waitFor();
    expect(await rows.count()).toBe(4);

    // The customer filter picks from a search: only entries about 王伟, by anyone.
    await filters.getByLabel('User').selectOption({ label: 'Everyone' });
    await filters.getByLabel('Find a customer').fill('王伟');
    await filters.getByLabel('Find a customer').press('Enter');
    await filters.getByRole('button', { name: 'Show entries about 王伟' }).click();
    await filters.getByText('Only entries about 王伟').waitFor();
    await expect.poll(async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))).sort()).toEqual(['customer.create', 'customer.reveal']);
    await filters.getByRole('button', { name: 'Any customer' }).click();
    await filters.getByLabel('User').selectOption({ label: 'Lily 李 (lily)' });
    await expect.poll(() => rows.count()).toBe(4);

    await page.getByTestId('language-switch').selectOption('zh-CN');
    await byAction('customer.reveal').getByText('查看了 王伟 的完整手机号').waitFor();
    expect(await byAction('customer.reveal').innerText()).toContain('成功');
    await byAction('login').getByText('登录', { exact: true }).waitFor();
    expect(app.pageErrors).toEqual([]);
    // Seeding 105 customers and two languages of checks: more than the default minute on a busy machine.
  }, 180_000);

  it('a user made to enrol scans a QR code drawn under the CSP, or signs out', async () => {
    const profileDir = tempDir('coffer-e2e-auditlog-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
      await ok(router, 'seed', 'settings.setRequire2fa', { required: true, password: OWNER.password });
    });
    app = await launchApp({ profileDir });
    const { page } = app;
    await page.getByTestId('login').waitFor();
    await page.getByLabel('Username').fill(SALES.username);
    await page.getByLabel('Password').fill(SALES.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const box = page.getByTestId('two-factor');
    await box.getByText('The owner requires two-step sign-in', { exact: false }).waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);

    await box.getByRole('button', { name: 'Turn on' }).click();
    const uri = (await box.getByTestId('totp-secret').getAttribute('data-uri'))!;
    const secret = (await box.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    expect(uri).toBe(`otpauth://totp/Coffer:lily?secret=${secret}&issuer=Coffer&algorithm=SHA1&digits=6&period=30`);
    const qr = box.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    await qr.waitFor();
    const { modules } = QRCode.create(uri, { errorCorrectionLevel: 'M' });
    let dark = 0;
    for (let r = 0; r < modules.size; r += 1) for (let c = 0; c < modules.size; c += 1) dark += modules.get(r, c) ? 1 : 0;
    expect(await qr.getAttribute('data-modules')).toBe(String(modules.size));
    expect(await qr.locator('rect[fill="#000000"]').count()).toBe(dark);
    // Drawn as elements: no image request, nothing the CSP had to refuse.
    expect(app.requests.filter((url) => url.startsWith('data:') || !url.startsWith(app!.origin))).toEqual([]);
    expect(app.pageErrors).toEqual([]);

    await box.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('login').waitFor();
    expect(await page.getByTestId('two-factor').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
