import path from 'node:path';
import { it } from 'vitest';
import { createCore } from '../../electron/core';
import { createDemoVault } from '../../electron/core/demo/demo-vault';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import type { Locale } from '../../shared/locale';
import { translate } from '../../renderer/src/i18n';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { E2E_KEYCHAIN_SERVICE, launchApp, signIn, type TestApp } from '../e2e/harness';

/** Where the README's pictures live; file names say language, window size and screen. */
const OUT = path.resolve(__dirname, '../../docs/screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;
const LOCALES: Locale[] = ['zh-CN', 'en'];

async function shoot(app: TestApp, name: string): Promise<void> {
  // Fonts and the virtual table settle after the first frame.
  await app.page.waitForTimeout(400);
  await app.page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

async function openMenu(app: TestApp, locale: Locale, key: 'nav.home' | 'nav.customers' | 'nav.backups'): Promise<void> {
  await app.page.getByRole('navigation').getByRole('button', { name: translate(locale, key), exact: true }).first().click();
}

/** The dashboard, the customers list (and a record, if asked) and backups at one window size. */
async function photograph(app: TestApp, locale: Locale, size: (typeof SIZES)[number], tag: string, record: boolean): Promise<void> {
  await app.page.setViewportSize(size);
  await openMenu(app, locale, 'nav.home');
  await shoot(app, `${tag}-dashboard`);
  await openMenu(app, locale, 'nav.customers');
  await app.page.getByTestId('customer-row').first().waitFor();
  await shoot(app, `${tag}-customers`);
  if (record) {
    await app.page.getByTestId('customer-row').first().click();
    await app.page.getByTestId('customer-record').or(app.page.getByTestId('customer-detail')).first().waitFor();
    await shoot(app, `${tag}-record`);
  }
  await openMenu(app, locale, 'nav.backups');
  await shoot(app, `${tag}-backups`);
}

describeKeychain('screenshots of the main screens', () => {
  it('customers list, a record, the dashboard and backups, in both languages at both sizes, and in the dark theme at 1280x800', async () => {
    const profileDir = tempDir('coffer-shots-');
    const seed = createCore({ profileDir, appVersion: 'shots', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE) });
    // A fixed seed and 2,000 customers: a typical shop, the same pictures each run.
    const demo = await createDemoVault(seed, { customers: 2000, interactionsPerCustomer: 3 });
    seed.close();
    const owner = demo.accounts.find((a) => a.role === 'owner')!;
    const folder = tempDir('coffer-shots-backups-');
    const app = await launchApp({ profileDir, osLocales: ['en-US'], core: { pickFolder: async () => folder } });
    try {
      await signIn(app, owner);
      // The page's own session: a folder, one backup and one drill, so the backups page shows a real history.
      for (const channel of ['settings.chooseBackupFolder', 'backup.run', 'backup.drill'] as const) {
        const result = await app.router.dispatch({ senderId: 'e2e-page' }, channel, {});
        if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
      }
      for (const locale of LOCALES) {
        app.core.app.setLocale(locale);
        await app.page.reload();
        await app.page.getByTestId('signed-in-as').waitFor();
        await app.page.emulateMedia({ colorScheme: 'light' });
        for (const size of SIZES) await photograph(app, locale, size, `${locale}-${size.width}x${size.height}`, true);
        // The dark theme follows the OS (prefers-color-scheme); Chromium is told the OS is dark.
        await app.page.emulateMedia({ colorScheme: 'dark' });
        await photograph(app, locale, SIZES[0], `${locale}-${SIZES[0].width}x${SIZES[0].height}-dark`, false);
      }
    } finally {
      await app.close();
    }
  });
});
