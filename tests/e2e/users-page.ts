import type { Locale } from '../../shared/contract';
import type { Router } from '../../electron/ipc/router';
import { en, type MessageKey } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import type { TestApp } from './harness';
import { ok } from './seed';

/** Both catalogs, so a test reads the words the page shows in either language. */
export const CATALOG: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
export const LOCALES: Locale[] = ['zh-CN', 'en'];

type Who = { username: string; password: string };

/** Reads through the router as a session of its own, never through the page. */
export async function readAs<T>(router: Router, who: Who, channel: string, input: unknown = {}): Promise<T> {
  const sender = `check-${channel}-${Math.random()}`;
  await ok(router, sender, 'session.login', { username: who.username, password: who.password });
  const value = (await ok(router, sender, channel, input)) as T;
  await ok(router, sender, 'session.logout', {});
  return value;
}

export async function signInAs(app: TestApp, locale: Locale, who: Who): Promise<void> {
  const L = CATALOG[locale];
  const { page } = app;
  await page.getByTestId('login').waitFor();
  await page.getByLabel(L['login.username']).fill(who.username);
  await page.getByLabel(L['login.password']).fill(who.password);
  await page.getByRole('button', { name: L['login.submit'] }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

export async function openUsersPage(app: TestApp, locale: Locale, who: Who): Promise<void> {
  await signInAs(app, locale, who);
  await app.page.getByRole('button', { name: CATALOG[locale]['nav.users'] }).click();
  await app.page.getByTestId('users-table').waitFor();
}
