import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const NEW_PASSWORD = 'Copper-Kettle-58';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('change my password, in Chromium', () => {
  it('a salesperson changes their password on My account (zh-CN and en), then signs in with the new one', async () => {
    const profileDir = tempDir('coffer-e2e-account-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
    });
    app = await launchApp({ profileDir });
    const { page, router } = app;
    await signIn(app, SALES);
    await page.getByTestId('signed-in-as').click();

    // English: a wrong current password is named on its field, and changes nothing.
    const form = page.getByTestId('change-password');
    await form.getByLabel('Current password').fill('Not-My-Password-1');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('New password, again').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('That password is not right.').waitFor();
    expect(await form.getByLabel('Current password').inputValue()).toBe('');
    // A too-short new password is caught before anything is sent.
    await form.getByLabel('New password', { exact: true }).fill('short');
    await form.getByLabel('Current password').fill(SALES.password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Use at least 10 characters.').waitFor();

    // Chinese, the first language: the same form, typed with the keyboard.
    await page.getByTestId('language-switch').selectOption('zh-CN');
    const zhForm = page.getByTestId('change-password');
    await zhForm.getByRole('heading', { name: '修改我的密码' }).waitFor();
    await zhForm.getByLabel('当前密码').fill(SALES.password);
    await zhForm.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await zhForm.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await zhForm.getByLabel('再次输入新密码').press('Enter');
    await page.getByTestId('change-password-done').getByText('密码已修改').waitFor();
    for (const field of ['当前密码', '新密码', '再次输入新密码']) {
      const input = zhForm.getByLabel(field, { exact: true });
      expect(await input.getAttribute('type'), field).toBe('password');
      expect(await input.getAttribute('spellcheck'), field).toBe('false');
      expect(await input.inputValue(), field).toBe('');
    }

    // Through the router: the old password no longer signs in, the new one does.
    expect(await router.dispatch({ senderId: 'check-old' }, 'session.login', { username: SALES.username, password: SALES.password })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await router.dispatch({ senderId: 'check-new' }, 'session.login', { username: SALES.username, password: NEW_PASSWORD })).toMatchObject({ ok: true });
    await page.getByTestId('language-switch').selectOption('en');

    // Sign out and back in through the page with the new password.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(app, { username: SALES.username, password: NEW_PASSWORD });
    await page.getByTestId('signed-in-as').click();
    await page.getByTestId('change-password').waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('an idle session shows the lock screen by itself: main locks it and hints the page, no click and no poll', async () => {
    const profileDir = tempDir('coffer-e2e-idle-');
    await seedVault(profileDir, OWNER, async () => undefined);
    // A clock the test moves, and main's idle check every 200 ms instead of 15 s.
    let offset = 0;
    app = await launchApp({ profileDir, core: { now: () => Date.now() + offset }, idleCheckMs: 200 });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Backups', exact: true }).first().click();
    await page.getByTestId('backups-page').waitFor();
    // Nothing is sent while the session is in use.
    await page.waitForTimeout(600);
    expect(app.hintsSent.filter((h) => h.includes('app.status'))).toEqual([]);
    expect(await page.getByTestId('lock-screen').count()).toBe(0);

    offset += 16 * 60_000;
    await page.getByTestId('lock-screen').waitFor({ timeout: 10_000 });
    expect(app.hintsSent.filter((h) => h.includes('app.status'))).toEqual([['app.status']]);
    // Locked once, audited once, by main's check (the page asked nothing in between).
    const rows = app.core.vault.db().prepare("SELECT reason FROM audit_log WHERE action = 'session.locked'").all();
    expect(rows).toEqual([{ reason: 'idle' }]);
    // A hint the preload does not know never reaches the page's listeners.
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { __seen: unknown[] }).__seen = seen;
      window.addEventListener('coffer:refresh', (e) => seen.push((e as CustomEvent).detail));
    });
    await app.sendHints(['customers.', 'users.list']);
    await app.sendHints(['dashboard.', 'nope']);
    expect(await page.evaluate(() => (window as unknown as { __seen: unknown[] }).__seen)).toEqual([['dashboard.']]);

    // The same password opens it again.
    await page.getByTestId('lock-screen').getByLabel('Password').fill(OWNER.password);
    await page.getByTestId('lock-screen').getByRole('button').first().click();
    await page.getByTestId('signed-in-as').waitFor();
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
