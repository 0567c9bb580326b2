import { afterEach, expect, it } from 'vitest';
import type { Locale } from '../../shared/contract';
import type { Router } from '../../electron/ipc/router';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import type { ApprovalItem } from '../../shared/approvals';
import { approvalsDefault, approvalsOff } from './approval-policy';
import { ELECTRON_PROMPT_ERROR, launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, LOCALES, openUsersPage, readAs, signInAs } from './users-page';

// The four owner actions that used window.prompt (which Electron's renderer does not have), done
// through the in-app dialog with the keyboard, in both languages, each checked through the router.

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const OWNER2 = { username: 'ada', displayName: 'Ada 艾达', password: 'Copper-Kettle-58' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const NEW_PASSWORD = 'Maple-Lantern-93';

/**
 * An owner and a sales user (role changes need no approval here: this file is about the dialogs);
 * with `secondOwner`, also Ada (owner), who asks to make Lily a manager: a request for approval.
 */
async function seedUsers(profileDir: string, secondOwner = false): Promise<void> {
  await seedVault(profileDir, OWNER, async (router) => {
    await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
    if (!secondOwner) return approvalsOff(router, 'seed', ['users.setRole']);
    await approvalsOff(router, 'seed', ['users.create']);
    await ok(router, 'seed', 'users.create', { ...OWNER2, role: 'owner', ownerPassword: OWNER.password });
    await approvalsDefault(router, 'seed', OWNER2);
    await ok(router, 'seed-ada', 'session.login', { username: OWNER2.username, password: OWNER2.password });
    const refused = await router.dispatch({ senderId: 'seed-ada' }, 'users.setRole', { username: SALES.username, role: 'manager', ownerPassword: OWNER2.password });
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    await ok(router, 'seed-ada', 'approvals.request', { operation: 'users.setRole', input: { username: SALES.username, role: 'manager' }, reason: 'Lily runs the shop floor now' });
  });
}

const asOwner = <T>(router: Router, channel: string, input: unknown = {}) => readAs<T>(router, OWNER, channel, input);
// The seed's own policy request (approvals on again once Ada existed) is not what these tests look at.
const requests = async (router: Router) => (await asOwner<{ items: ApprovalItem[] }>(router, 'approvals.list', { view: 'all' })).items.filter((i) => i.operation !== 'approvals.setPolicy');

async function roleOf(router: Router, username: string): Promise<string | undefined> {
  return (await asOwner<{ username: string; role: string }[]>(router, 'users.list')).find((u) => u.username === username)?.role;
}

let app: TestApp | undefined;

/** A seeded vault opened in Chromium in the given language; `app` is closed after each test. */
async function start(locale: Locale, secondOwner = false): Promise<TestApp> {
  const profileDir = tempDir('coffer-e2e-dialogs-');
  await seedUsers(profileDir, secondOwner);
  app = await launchApp({ profileDir, osLocales: [locale] });
  return app;
}

afterEach(async () => {
  const opened = app;
  app = undefined;
  await opened?.close();
});

describeKeychain('no browser dialogs: the owner actions go through the in-app dialog', () => {
  it.each(LOCALES)('%s: change a role (wrong password, Esc, Enter), reset a password, require two-step sign-in', async (locale) => {
    const L = CATALOG[locale];
    const started = await start(locale);
    const { page, router } = started;
    await openUsersPage(started, locale, OWNER);
    const row = page.getByTestId(`user-${SALES.username}`);
    const dialog = page.getByTestId('password-dialog');

    // Change role: Esc cancels and changes nothing.
    const roleSelect = row.getByLabel(L['users.changeRole']);
    await roleSelect.focus();
    await roleSelect.selectOption('manager');
    await dialog.waitFor();
    const field = dialog.getByLabel(L['dialog.yourPassword']);
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await field.evaluate((el) => [el.getAttribute('type'), el.getAttribute('autocomplete'), el.getAttribute('spellcheck')])).toEqual(['password', 'off', 'false']);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await roleSelect.inputValue()).toBe('sales');
    expect(await roleOf(router, SALES.username)).toBe('sales');
    // Focus goes back to what opened the dialog.
    await expect.poll(() => roleSelect.evaluate((el) => el === document.activeElement)).toBe(true);

    // A wrong password is said inside the dialog, which stays open; Enter with the right one does it.
    await roleSelect.selectOption('manager');
    await field.fill('not-my-password');
    await page.keyboard.press('Enter');
    await dialog.getByText(L['field.wrong']).waitFor();
    expect(await roleOf(router, SALES.username)).toBe('sales');
    await field.fill(OWNER.password);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => roleOf(router, SALES.username)).toBe('manager');

    // Reset a password: a weak one is refused in the dialog; the new one works at sign-in.
    await row.getByRole('button', { name: L['users.resetPassword'] }).click();
    const newField = dialog.getByLabel(L['users.newPassword']);
    expect(await newField.getAttribute('autocomplete')).toBe('new-password');
    await newField.fill('short');
    await page.keyboard.press('Enter');
    await dialog.getByText(L['field.too-short']).waitFor();
    await newField.fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await router.dispatch({ senderId: 'check-old' }, 'session.login', { username: SALES.username, password: SALES.password })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await router.dispatch({ senderId: 'check-new' }, 'session.login', { username: SALES.username, password: NEW_PASSWORD })).toMatchObject({ ok: true });

    // Require two-step sign-in: Esc leaves it off, the confirm button with the password turns it on.
    const rules = page.getByTestId('sign-in-rules');
    const require2fa = rules.getByLabel(L['rules.require2fa']);
    await require2fa.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await require2fa.isChecked()).toBe(false);
    expect(await asOwner(router, 'settings.auth')).toMatchObject({ require2fa: false });
    await require2fa.click();
    await dialog.getByLabel(L['dialog.yourPassword']).fill(OWNER.password);
    await dialog.getByRole('button', { name: L['dialog.confirm'] }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => require2fa.isChecked()).toBe(true);
    expect((await router.dispatch({ senderId: 'e2e-page' }, 'settings.auth', {})) as unknown).toMatchObject({ ok: true, value: { require2fa: true } });
    expect(started.pageErrors).toEqual([]);
  });

  it.each(LOCALES)('%s: the other owner approves a request in the inbox; its requester is not offered the approval', async (locale) => {
    const L = CATALOG[locale];
    const started = await start(locale, true);
    const { page, router } = started;

    // The requester sees the request in My requests, with no way to approve it; her inbox is empty.
    await signInAs(started, locale, OWNER2);
    await page.getByTestId('nav-approvals').click();
    await page.getByTestId('approvals-empty').getByText(L['appr.empty.inbox']).waitFor();
    await page.getByTestId('approvals-tab-mine').click();
    const mine = page.getByTestId('approvals-mine').getByTestId('approval-item');
    await mine.getByText(L['appr.state.pending']).waitFor();
    expect(await mine.getByTestId('approval-approve').count()).toBe(0);
    await page.getByTestId('signed-in-as').click();
    await page.getByRole('button', { name: L['home.logout'] }).click();

    await signInAs(started, locale, OWNER);
    await page.getByTestId('nav-approvals').click();
    await page.getByTestId('approvals-inbox').getByTestId('approval-approve').click();
    const dialog = page.getByTestId('decide-dialog');
    await dialog.getByLabel(L['appr.yourPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('approvals-empty').waitFor();
    expect(await requests(router)).toMatchObject([{ operation: 'users.setRole', state: 'approved', decidedBy: { username: OWNER.username } }]);
    // Approved is not done: Ada runs it herself, once.
    expect(await roleOf(router, SALES.username)).toBe('sales');
    expect(started.pageErrors).toEqual([]);
  });

  it('denying a request with the keyboard leaves the role as it was', async () => {
    const started = await start('en', true);
    const { page, router } = started;
    await signInAs(started, 'en', OWNER);
    await page.getByTestId('nav-approvals').click();
    const deny = page.getByTestId('approvals-inbox').getByTestId('approval-deny');
    await deny.click();
    const dialog = page.getByTestId('decide-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await requests(router)).toMatchObject([{ state: 'pending' }]);
    await deny.click();
    await page.keyboard.type(OWNER.password);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('approvals-empty').waitFor();
    expect(await requests(router)).toMatchObject([{ state: 'denied' }]);
    expect(await roleOf(router, SALES.username)).toBe('sales');
  });

  it.each(LOCALES)('%s: the Users page says what happened: no disabling yourself, a taken username, a change waiting for the other owner', async (locale) => {
    const L = CATALOG[locale];
    const started = await start(locale, true);
    const { page, router } = started;
    await openUsersPage(started, locale, OWNER);

    const mine = page.getByTestId(`user-${OWNER.username}`);
    await mine.getByText(L['users.selfDisable']).waitFor();
    expect(await mine.getByRole('button', { name: L['users.disable'] }).count()).toBe(0);
    expect(await mine.getByLabel(L['users.changeRole']).isDisabled()).toBe(true);
    // One's own password is changed on Home (old password first), not reset here.
    await mine.getByText(L['users.selfReset']).waitFor();
    expect(await mine.getByRole('button', { name: L['users.resetPassword'] }).count()).toBe(0);

    const add = page.getByTestId('add-user');
    await add.getByLabel(L['users.username']).fill(SALES.username);
    await add.getByLabel(L['users.displayName']).fill('Another Lily');
    await add.getByLabel(L['users.password']).fill('Silver-Orchard-64');
    await add.getByRole('button', { name: L['users.add'] }).click();
    await add.getByText(L['field.taken']).waitFor();
    expect(await asOwner<unknown[]>(router, 'users.list')).toHaveLength(3);

    // With two owners a role change needs approval: sent to the inbox, the page says so.
    await page.getByTestId(`user-${OWNER2.username}`).getByLabel(L['users.changeRole']).selectOption('support');
    await page.getByTestId('password-dialog').getByLabel(L['dialog.yourPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    const approval = page.getByTestId('approval-dialog');
    await approval.getByLabel(L['appr.dialog.reason']).fill('Ada moves to support');
    await approval.getByLabel(L['appr.dialog.inbox']).check();
    await approval.getByRole('button', { name: L['appr.dialog.send'] }).click();
    await page.getByTestId('sent-for-approval').getByText(L['appr.dialog.sent']).waitFor();
    expect(await roleOf(router, OWNER2.username)).toBe('owner');
    expect(started.pageErrors).toEqual([]);
  });

  it.each(LOCALES)('%s: the search hint promises phone and e-mail only to roles that may search them', async (locale) => {
    const L = CATALOG[locale];
    const started = await start(locale);
    const { page } = started;
    const hintFor = async (who: { username: string; password: string }) => {
      await signInAs(started, locale, who);
      await page.getByRole('button', { name: L['nav.customers'] }).click();
      const hint = await page.getByRole('searchbox', { name: L['customers.search'], exact: true }).getAttribute('placeholder');
      await page.getByTestId('signed-in-as').click();
      await page.getByRole('button', { name: L['home.logout'] }).click();
      return hint;
    };
    expect(await hintFor(SALES)).toBe(L['customers.searchHintBasic']);
    expect(await hintFor(OWNER)).toBe(L['customers.searchHint']);
  });

  it('the harness answers prompt() as Electron does and fails a test that used any browser dialog', async () => {
    const profileDir = tempDir('coffer-e2e-dialogs-');
    const opened = await launchApp({ profileDir });
    try {
      const thrown = await opened.page.evaluate(() =>
        (['prompt', 'alert', 'confirm'] as const).map((name) => {
          try {
            window[name]('x');
            return 'no error';
          } catch (error) {
            return (error as Error).message;
          }
        }),
      );
      expect(thrown[0]).toBe(ELECTRON_PROMPT_ERROR);
      expect(thrown[1]).toMatch(/alert\(\)/);
      expect(thrown[2]).toMatch(/confirm\(\)/);
      await expect.poll(() => opened.browserDialogCalls.length).toBe(3);
    } finally {
      await expect(opened.close()).rejects.toThrow(/prompt\(\), alert\(\), confirm\(\)/);
    }
  });
});
