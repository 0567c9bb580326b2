import { afterEach, expect, it } from 'vitest';
import type { Locale } from '../../shared/contract';
import type { Router } from '../../electron/ipc/router';
import { findUserByUsername, recordLogin } from '../../electron/core/users/user-repository';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, LOCALES, openUsersPage, readAs } from './users-page';

// The two-person rule for owner accounts, from the Users page: the acting owner's password in the
// app's dialog, a request the other owner approves, each outcome read back through the router.

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const OWNER2 = { username: 'ada', displayName: 'Ada 艾达', password: 'Copper-Kettle-58' };
const NEW_OWNER = { username: 'mei', displayName: 'Mei 梅', password: 'Silver-Orchard-64' };

const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');

let app: TestApp | undefined;
afterEach(async () => {
  const opened = app;
  app = undefined;
  await opened?.close();
});

async function start(locale: Locale, secondOwner: boolean): Promise<TestApp> {
  const profileDir = tempDir('coffer-e2e-owner-targets-');
  await seedVault(profileDir, OWNER, async (router) => {
    if (secondOwner) await ok(router, 'seed', 'users.create', { ...OWNER2, role: 'owner', ownerPassword: OWNER.password });
  });
  app = await launchApp({ profileDir, osLocales: [locale] });
  return app;
}

const asOwner = <T>(router: Router, channel: string) => readAs<T>(router, OWNER, channel);
const userOf = async (router: Router, username: string) => (await asOwner<{ username: string; role: string; status: string }[]>(router, 'users.list')).find((u) => u.username === username);

/** The Users page, open for the first owner, in one language. */
async function usersPageAs(locale: Locale, secondOwner: boolean) {
  const started = await start(locale, secondOwner);
  await openUsersPage(started, locale, OWNER);
  return { L: CATALOG[locale], started, page: started.page, router: started.router };
}

/** Types the new owner into the add-user form and submits it. */
async function submitNewOwner({ L, page }: Awaited<ReturnType<typeof usersPageAs>>): Promise<void> {
  const add = page.getByTestId('add-user');
  await add.getByLabel(L['users.username']).fill(NEW_OWNER.username);
  await add.getByLabel(L['users.displayName']).fill(NEW_OWNER.displayName);
  await add.getByLabel(L['users.role']).selectOption('owner');
  await add.getByLabel(L['users.password']).fill(NEW_OWNER.password);
  await add.getByRole('button', { name: L['users.add'] }).click();
}

/** Signs out, signs in as the other owner and approves the request that reads `sentence`, through the dialog. */
async function approveAsOtherOwner({ L, page, started }: Awaited<ReturnType<typeof usersPageAs>>, locale: Locale, sentence: string): Promise<void> {
  await page.getByTestId('signed-in-as').click();
  await page.getByRole('button', { name: L['home.logout'] }).click();
  await openUsersPage(started, locale, OWNER2);
  const request = page.getByTestId('approval');
  await request.getByText(sentence).waitFor();
  await request.getByRole('button', { name: L['approvals.approve'] }).click();
  const dialog = page.getByTestId('password-dialog');
  await dialog.getByLabel(L['dialog.yourPassword']).fill(OWNER2.password);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
}

describeKeychain('owner accounts under the two-person rule, from the Users page', () => {
  it.each(LOCALES)('%s: disabling the other owner asks for my password and waits for their approval', async (locale) => {
    const opened = await usersPageAs(locale, true);
    const { L, started, page, router } = opened;

    await page.getByTestId(`user-${OWNER2.username}`).getByRole('button', { name: L['users.disable'] }).click();
    const dialog = page.getByTestId('password-dialog');
    await dialog.getByText(fill(L['dialog.ownerDisableTitle'], { user: OWNER2.username })).waitFor();
    const field = dialog.getByLabel(L['dialog.yourPassword']);
    await field.fill('not-my-password');
    await page.keyboard.press('Enter');
    await dialog.getByText(L['field.wrong']).waitFor();
    expect(await asOwner<unknown[]>(router, 'approvals.list')).toEqual([]);
    await field.fill(OWNER.password);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    // Not "done": the page says the request went to the other owner, and Ada is still active.
    await page.getByTestId('sent-for-approval').getByText(L['approvals.pending']).waitFor();
    expect(await userOf(router, OWNER2.username)).toMatchObject({ status: 'active' });
    expect(await asOwner(router, 'approvals.list')).toMatchObject([{ kind: 'user.status', targetUsername: OWNER2.username, payload: { status: 'disabled' } }]);

    await approveAsOtherOwner(opened, locale, fill(L['approvals.disableOwner'], { by: OWNER.username, user: OWNER2.username }));

    await expect.poll(async () => (await userOf(router, OWNER2.username))?.status).toBe('disabled');
    expect(await asOwner(router, 'approvals.list')).toEqual([]);
    expect(await router.dispatch({ senderId: 'ada-again' }, 'session.login', { username: OWNER2.username, password: OWNER2.password })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(started.pageErrors).toEqual([]);
  });

  it.each(LOCALES)('%s: resetting the other owner\'s password takes the new one, then mine, and waits for approval', async (locale) => {
    const opened = await usersPageAs(locale, true);
    const { L, started, page, router } = opened;

    await page.getByTestId(`user-${OWNER2.username}`).getByRole('button', { name: L['users.resetPassword'] }).click();
    const dialog = page.getByTestId('password-dialog');
    await dialog.getByLabel(L['users.newPassword']).fill('Maple-Lantern-93');
    await page.keyboard.press('Enter');
    await dialog.getByText(fill(L['dialog.ownerResetTitle'], { user: OWNER2.username })).waitFor();
    await dialog.getByLabel(L['dialog.yourPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('sent-for-approval').getByText(L['approvals.pending']).waitFor();
    expect(await asOwner(router, 'approvals.list')).toMatchObject([{ kind: 'user.password', targetUsername: OWNER2.username }]);
    // Until approved, Ada's own password still opens the vault.
    expect(await router.dispatch({ senderId: 'ada-old' }, 'session.login', { username: OWNER2.username, password: OWNER2.password })).toMatchObject({ ok: true });
    await page.getByTestId('approval').getByText(fill(L['approvals.resetOwner'], { by: OWNER.username, user: OWNER2.username })).waitFor();
    expect(started.pageErrors).toEqual([]);
  });

  it.each(LOCALES)('%s: creating an owner while one owner exists asks for my password and applies at once', async (locale) => {
    const opened = await usersPageAs(locale, false);
    const { L, started, page, router } = opened;

    await submitNewOwner(opened);
    const dialog = page.getByTestId('password-dialog');
    await dialog.getByText(fill(L['dialog.createOwnerTitle'], { user: NEW_OWNER.username })).waitFor();
    // Esc: nobody is created.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await userOf(router, NEW_OWNER.username)).toBeUndefined();

    await submitNewOwner(opened);
    await dialog.getByLabel(L['dialog.yourPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId(`user-${NEW_OWNER.username}`).waitFor();
    expect(await page.getByTestId('sent-for-approval').count()).toBe(0);
    expect(await userOf(router, NEW_OWNER.username)).toMatchObject({ role: 'owner', status: 'active' });
    expect(await router.dispatch({ senderId: 'mei' }, 'session.login', { username: NEW_OWNER.username, password: NEW_OWNER.password })).toMatchObject({ ok: true });
    expect(started.pageErrors).toEqual([]);
  });

  it('with two owners, a new owner is a request; the other owner approves it and the account exists', async () => {
    const opened = await usersPageAs('en', true);
    const { L, started, page, router } = opened;
    await submitNewOwner(opened);
    const dialog = page.getByTestId('password-dialog');
    await dialog.getByLabel(L['dialog.yourPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('sent-for-approval').getByText(L['approvals.pending']).waitFor();
    expect(await userOf(router, NEW_OWNER.username)).toBeUndefined();

    await approveAsOtherOwner(opened, 'en', fill(L['approvals.createOwner'], { by: OWNER.username, user: NEW_OWNER.username }));
    await page.getByTestId(`user-${NEW_OWNER.username}`).waitFor();
    expect(await userOf(router, NEW_OWNER.username)).toMatchObject({ role: 'owner', status: 'active' });
    expect(await router.dispatch({ senderId: 'mei' }, 'session.login', { username: NEW_OWNER.username, password: NEW_OWNER.password })).toMatchObject({ ok: true });
    expect(started.pageErrors).toEqual([]);
  });

  it.each(LOCALES)('%s: disabling an unused owner from the stale-account report takes my password too', async (locale) => {
    const opened = await usersPageAs(locale, true);
    const { L, started, page, router } = opened;
    // Ada last signed in 40 days ago (backdated in the open vault); the page is reopened to list her.
    const db = started.core.vault.db();
    recordLogin(db, findUserByUsername(db, OWNER2.username)!.id, new Date(Date.now() - 40 * 24 * 60 * 60 * 1000));
    await page.getByRole('button', { name: L['nav.home'] }).click();
    await page.getByRole('button', { name: L['nav.users'] }).click();

    const card = page.getByTestId('stale-accounts');
    await card.getByTestId(`stale-${OWNER2.username}`).getByRole('button', { name: L['stale.disable'] }).click();
    const dialog = page.getByTestId('password-dialog');
    await dialog.getByRole('heading', { name: fill(L['stale.dialogTitle'], { name: OWNER2.username }) }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await asOwner<unknown[]>(router, 'approvals.list')).toEqual([]);

    await card.getByTestId(`stale-${OWNER2.username}`).getByRole('button', { name: L['stale.disable'] }).click();
    await dialog.getByLabel(L['dialog.yourPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await card.getByText(fill(L['stale.pending'], { name: OWNER2.username })).waitFor();
    expect(await userOf(router, OWNER2.username)).toMatchObject({ status: 'active' });
    expect(await asOwner(router, 'approvals.list')).toMatchObject([{ kind: 'user.status', targetUsername: OWNER2.username }]);
    expect(started.pageErrors).toEqual([]);
  });
});
