import { afterEach, expect, it } from 'vitest';
import type { Locale } from '../../shared/contract';
import type { ApprovalItem } from '../../shared/approvals';
import type { Router } from '../../electron/ipc/router';
import { findUserByUsername, recordLogin } from '../../electron/core/users/user-repository';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsDefault, approvalsOff } from './approval-policy';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, LOCALES, openUsersPage, readAs, signInAs } from './users-page';

// Changes to owner accounts from the Users page under four-eyes approval (issue 15): the acting
// owner's password in the app's dialog, then the approval dialog (主管授权 on this screen, the
// inbox, or the one-owner confirmation), each outcome read back through the router.

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const OWNER2 = { username: 'ada', displayName: 'Ada 艾达', password: 'Copper-Kettle-58' };
const NEW_OWNER = { username: 'mei', displayName: 'Mei 梅', password: 'Silver-Orchard-64' };
const REASON = 'Staff change this week';

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
    if (!secondOwner) return;
    // A second owner needs approval by default, and nobody else could give it: seeded with that switched off.
    await approvalsOff(router, 'seed', ['users.create']);
    await ok(router, 'seed', 'users.create', { ...OWNER2, role: 'owner', ownerPassword: OWNER.password });
    await approvalsDefault(router, 'seed', OWNER2);
  });
  app = await launchApp({ profileDir, osLocales: [locale] });
  return app;
}

const asOwner = <T>(router: Router, channel: string, input: unknown = {}) => readAs<T>(router, OWNER, channel, input);
const userOf = async (router: Router, username: string) => (await asOwner<{ username: string; role: string; status: string }[]>(router, 'users.list')).find((u) => u.username === username);
// The seed's own policy request (approvals on again once Ada existed) is not what these tests look at.
const requests = async (router: Router) => (await asOwner<{ items: ApprovalItem[] }>(router, 'approvals.list', { view: 'all' })).items.filter((i) => i.operation !== 'approvals.setPolicy');

/** The Users page, open for the first owner, in one language. */
async function usersPageAs(locale: Locale, secondOwner: boolean) {
  const started = await start(locale, secondOwner);
  await openUsersPage(started, locale, OWNER);
  return { L: CATALOG[locale], started, page: started.page, router: started.router };
}
type Opened = Awaited<ReturnType<typeof usersPageAs>>;

/** Types the new owner into the add-user form and submits it. */
async function submitNewOwner({ L, page }: Opened): Promise<void> {
  const add = page.getByTestId('add-user');
  await add.getByLabel(L['users.username']).fill(NEW_OWNER.username);
  await add.getByLabel(L['users.displayName']).fill(NEW_OWNER.displayName);
  await add.getByLabel(L['users.role']).selectOption('owner');
  await add.getByLabel(L['users.password']).fill(NEW_OWNER.password);
  await add.getByRole('button', { name: L['users.add'] }).click();
}

/** The acting owner's own password in the password dialog. */
async function myPassword({ L, page }: Opened): Promise<void> {
  const dialog = page.getByTestId('password-dialog');
  await dialog.getByLabel(L['dialog.yourPassword']).fill(OWNER.password);
  await page.keyboard.press('Enter');
}

/** 主管授权: Ada types her own password on this screen; the change runs at once. */
async function adaApprovesHere({ L, page }: Opened): Promise<void> {
  const dialog = page.getByTestId('approval-dialog');
  await dialog.getByLabel(L['appr.dialog.reason']).fill(REASON);
  await dialog.getByLabel(L['appr.dialog.here']).check();
  await dialog.getByLabel(L['appr.dialog.approver']).fill(OWNER2.username);
  await dialog.getByLabel(L['appr.dialog.approverPassword']).fill(OWNER2.password);
  await dialog.getByRole('button', { name: L['appr.dialog.approveRun'] }).click();
  await dialog.waitFor({ state: 'detached' });
}

describeKeychain('owner accounts under four-eyes approval, from the Users page', () => {
  it.each(LOCALES)('%s: disabling the other owner: my password, then a request to the inbox; approved by Ada, run by me from My requests', async (locale) => {
    const opened = await usersPageAs(locale, true);
    const { L, started, page, router } = opened;

    await page.getByTestId(`user-${OWNER2.username}`).getByRole('button', { name: L['users.disable'] }).click();
    await page.getByTestId('password-dialog').getByText(fill(L['dialog.ownerDisableTitle'], { user: OWNER2.username })).waitFor();
    await myPassword(opened);
    const approval = page.getByTestId('approval-dialog');
    await approval.getByTestId('approval-what').getByText(fill(L['appr.sum.target'], { user: OWNER2.username })).waitFor();
    await approval.getByLabel(L['appr.dialog.reason']).fill(REASON);
    await approval.getByLabel(L['appr.dialog.inbox']).check();
    await approval.getByRole('button', { name: L['appr.dialog.send'] }).click();
    await approval.waitFor({ state: 'detached' });
    await page.getByTestId('password-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('sent-for-approval').waitFor();
    expect(await userOf(router, OWNER2.username)).toMatchObject({ status: 'active' });
    expect(await requests(router)).toMatchObject([{ operation: 'users.setStatus', state: 'pending', summary: { targetUsername: OWNER2.username, status: 'disabled' } }]);
    // No password is kept in the request.
    expect(JSON.stringify(await requests(router))).not.toContain(OWNER.password);

    await page.getByTestId('signed-in-as').click();
    await page.getByRole('button', { name: L['home.logout'] }).click();
    await signInAs(started, locale, OWNER2);
    await page.getByTestId('nav-approvals').click();
    await page.getByTestId('approvals-inbox').getByTestId('approval-approve').click();
    await page.getByTestId('decide-dialog').getByLabel(L['appr.yourPassword']).fill(OWNER2.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('decide-dialog').waitFor({ state: 'detached' });
    expect(await userOf(router, OWNER2.username)).toMatchObject({ status: 'active' });

    await page.getByTestId('signed-in-as').click();
    await page.getByRole('button', { name: L['home.logout'] }).click();
    await signInAs(started, locale, OWNER);
    await page.getByTestId('nav-approvals').click();
    await page.getByTestId('approvals-tab-mine').click();
    await page.getByTestId('approvals-mine').getByTestId('approval-run').click();
    const run = page.getByTestId('run-dialog');
    await run.getByLabel(L['appr.yourPassword']).fill(OWNER.password);
    await page.keyboard.press('Enter');
    await run.waitFor({ state: 'detached' });
    await expect.poll(async () => (await userOf(router, OWNER2.username))?.status).toBe('disabled');
    expect(await requests(router)).toMatchObject([{ state: 'executed', decidedBy: { username: OWNER2.username } }]);
    expect(await router.dispatch({ senderId: 'ada-again' }, 'session.login', { username: OWNER2.username, password: OWNER2.password })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(started.pageErrors).toEqual([]);
  });

  it.each(LOCALES)("%s: resetting the other owner's password: the new one, mine, then 主管授权 on this screen", async (locale) => {
    const opened = await usersPageAs(locale, true);
    const { L, started, page, router } = opened;

    await page.getByTestId(`user-${OWNER2.username}`).getByRole('button', { name: L['users.resetPassword'] }).click();
    const dialog = page.getByTestId('password-dialog');
    await dialog.getByLabel(L['users.newPassword']).fill('Maple-Lantern-93');
    await page.keyboard.press('Enter');
    await dialog.getByText(fill(L['dialog.ownerResetTitle'], { user: OWNER2.username })).waitFor();
    await myPassword(opened);
    // Until approved, Ada's own password still opens the vault.
    await page.getByTestId('approval-dialog').waitFor();
    expect(await router.dispatch({ senderId: 'ada-old' }, 'session.login', { username: OWNER2.username, password: OWNER2.password })).toMatchObject({ ok: true });
    await adaApprovesHere(opened);
    await dialog.waitFor({ state: 'detached' });
    expect(await router.dispatch({ senderId: 'ada-new' }, 'session.login', { username: OWNER2.username, password: 'Maple-Lantern-93' })).toMatchObject({ ok: true });
    expect(await requests(router)).toMatchObject([{ operation: 'users.resetPassword', state: 'executed', decidedOnScreen: true }]);
    expect(started.pageErrors).toEqual([]);
  });

  it.each(LOCALES)('%s: creating an owner while one owner exists: my password, then the one-owner confirmation and its cooling-off', async (locale) => {
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
    await myPassword(opened);
    const approval = page.getByTestId('approval-dialog');
    await approval.getByText(L['appr.alone.title']).waitFor();
    await approval.getByLabel(L['appr.dialog.reason']).fill(REASON);
    await approval.getByTestId('approval-confirm').fill(NEW_OWNER.username);
    await approval.getByTestId('approval-password').fill(OWNER.password);
    await approval.getByRole('button', { name: L['appr.alone.submit'] }).click();
    await page.getByTestId('approval-cooling-off').waitFor();
    expect(await userOf(router, NEW_OWNER.username)).toBeUndefined();
    expect(await requests(router)).toMatchObject([{ operation: 'users.create', state: 'approved', noSecondPerson: true, summary: { targetUsername: NEW_OWNER.username, role: 'owner' } }]);
    expect(started.pageErrors).toEqual([]);
  });

  it('with two owners, a new owner waits for approval; Ada approves it here and the account exists', async () => {
    const opened = await usersPageAs('en', true);
    const { started, page, router } = opened;
    await submitNewOwner(opened);
    await myPassword(opened);
    await adaApprovesHere(opened);
    await page.getByTestId(`user-${NEW_OWNER.username}`).waitFor();
    expect(await userOf(router, NEW_OWNER.username)).toMatchObject({ role: 'owner', status: 'active' });
    expect(await router.dispatch({ senderId: 'mei' }, 'session.login', { username: NEW_OWNER.username, password: NEW_OWNER.password })).toMatchObject({ ok: true });
    expect(started.pageErrors).toEqual([]);
  });

  it.each(LOCALES)('%s: disabling an unused owner from the stale-account report takes my password too, then approval; cancelled, nothing changes', async (locale) => {
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

    await card.getByTestId(`stale-${OWNER2.username}`).getByRole('button', { name: L['stale.disable'] }).click();
    await myPassword(opened);
    const approval = page.getByTestId('approval-dialog');
    await approval.waitFor();
    await approval.getByRole('button', { name: L['dialog.cancel'] }).click();
    await approval.waitFor({ state: 'detached' });
    await dialog.waitFor({ state: 'detached' });
    expect(await userOf(router, OWNER2.username)).toMatchObject({ status: 'active' });
    expect(await requests(router)).toEqual([]);
    expect(started.pageErrors).toEqual([]);
  });
});
