import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, signInAs } from './users-page';

// The UI foundation in the real built renderer under the app's CSP: both colour themes follow the
// OS and stay readable, Chinese text gets a CJK face first, the Tabs and the Dialog primitives
// work from the keyboard, and no style is refused by the CSP on the way.

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const CJK_STACK = ['PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'system-ui'];

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** "rgb(r, g, b)" or "rgba(r, g, b, a)" as [r, g, b]; a computed colour is always in this form. */
function rgb(css: string): [number, number, number] {
  const parts = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!parts) throw new Error(`not a computed colour: ${css}`);
  return [Number(parts[1]), Number(parts[2]), Number(parts[3])];
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b2] = rgb(css).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colours the login screen is drawn with: the page, the card (surface), its text and a hint. */
async function loginColours(page: Page) {
  return page.evaluate(() => {
    const card = document.querySelector('[data-testid="login"]')!;
    const label = card.querySelector('label')!;
    const body = getComputedStyle(document.body);
    return {
      page: body.backgroundColor,
      bodyText: body.color,
      surface: getComputedStyle(card).backgroundColor,
      surfaceText: getComputedStyle(label).color,
      labelFont: getComputedStyle(label).fontFamily,
      bodyFont: body.fontFamily,
    };
  });
}

/** The import file picked by main's open dialog: three rows, one new, one without a name, one repeated. */
function smallCsv(folder: string): string {
  const file = path.join(folder, '客户.csv');
  fs.writeFileSync(file, ['姓名,手机', '王伟,13912345678', ',13712345678', '王伟,13912345678'].join('\r\n'));
  return file;
}

describeKeychain('the UI foundation, in Chromium', () => {
  it('light and dark follow the OS, text stays readable on the surface in both, the CJK font stack comes first, and the CSP refuses nothing', async () => {
    const profileDir = tempDir('coffer-e2e-ui-kit-');
    await seedVault(profileDir, OWNER, async () => {});
    app = await launchApp({ profileDir, osLocales: ['zh-CN'] });
    const { page } = app;

    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('login').waitFor();
    const light = await loginColours(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => (await loginColours(page)).surface).not.toBe(light.surface);
    const dark = await loginColours(page);

    expect(dark.page).not.toBe(light.page);
    expect(dark.surfaceText).not.toBe(light.surfaceText);
    for (const theme of [light, dark]) {
      expect(contrast(theme.surfaceText, theme.surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.bodyText, theme.page)).toBeGreaterThanOrEqual(4.5);
    }
    // Dark means dark: the surface is darker than its text, the other way round from light.
    expect(contrast(dark.surface, 'rgb(0, 0, 0)')).toBeLessThan(contrast(dark.surfaceText, 'rgb(0, 0, 0)'));
    expect(contrast(light.surface, 'rgb(0, 0, 0)')).toBeGreaterThan(contrast(light.surfaceText, 'rgb(0, 0, 0)'));

    for (const font of [light.bodyFont, light.labelFont]) {
      const faces = font.split(',').map((face) => face.trim().replace(/^"|"$/g, ''));
      expect(faces.slice(0, CJK_STACK.length)).toEqual(CJK_STACK);
    }

    // Sign in and back out in the dark theme: the screens on the way load their CSS Modules.
    await signInAs(app, 'zh-CN', OWNER);
    // The primitives style through bundled CSS files only: no <style> element was injected.
    expect(await page.evaluate(() => document.querySelectorAll('style').length)).toBe(0);
    expect(app.pageErrors.filter((e) => /Content Security Policy|Refused to apply/i.test(e))).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('tabs move with the arrow keys, Home and End; the dialog keeps the focus and Esc gives it back; a toast is announced and dismissed; Enter on a table row activates it', async () => {
    const profileDir = tempDir('coffer-e2e-ui-kit-');
    const file = smallCsv(tempDir('coffer-e2e-ui-kit-files-'));
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
      const a = (await ok(router, 'seed', 'customers.create', { name: '李娜', mobile: '13800138000' })) as { id: number };
      const b = (await ok(router, 'seed', 'customers.create', { name: '李 娜', mobile: '13800138000' })) as { id: number };
      await ok(router, 'seed', 'customers.merge', { survivorId: a.id, ids: [a.id, b.id] });
    });
    app = await launchApp({ profileDir, osLocales: ['en-US'], core: { pickImportFile: async () => file } });
    const { page } = app;
    const L = CATALOG.en;
    await signInAs(app, 'en', OWNER);

    // The import's dry run: its rows are filtered by a tab list.
    await page.getByRole('button', { name: L['nav.customers'] }).click();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-choose').click();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-step').waitFor();
    const tabs = page.getByTestId('import-filter').getByRole('tab');
    const selected = () => page.getByTestId('import-filter').locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await tabs.count()).toBe(7);
    expect(await selected()).toBe('import-filter-all');
    // One tab stop: only the selected tab is in the Tab order.
    expect(await page.getByTestId('import-filter').locator('[role="tab"][tabindex="0"]').count()).toBe(1);
    await page.getByTestId('import-filter-all').focus();

    await page.keyboard.press('ArrowRight');
    await expect.poll(selected).toBe('import-filter-new');
    expect(await focused()).toBe('import-filter-new');
    await expect.poll(() => page.getByTestId('import-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).toEqual(['new']);
    // The panel is labelled by the selected tab.
    const panelLabel = await page.getByTestId('import-filter').getByRole('tabpanel').getAttribute('aria-labelledby');
    expect(await page.evaluate((id) => document.getElementById(id!)?.getAttribute('data-testid'), panelLabel)).toBe('import-filter-new');

    await page.keyboard.press('End');
    await expect.poll(selected).toBe('import-filter-warning');
    await page.keyboard.press('ArrowRight');
    await expect.poll(selected).toBe('import-filter-all');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(selected).toBe('import-filter-warning');
    await page.keyboard.press('Home');
    await expect.poll(selected).toBe('import-filter-all');
    expect(await focused()).toBe('import-filter-all');
    await expect.poll(() => page.getByTestId('import-row').count()).toBe(3);
    await page.getByTestId('import-wizard').getByRole('button', { name: L['import.close'] }).click();
    await page.getByTestId('import-wizard').waitFor({ state: 'detached' });

    // The dialog: disabling Lily asks first.
    await page.getByRole('button', { name: L['nav.users'] }).click();
    const disable = page.getByTestId(`user-${SALES.username}`).getByRole('button', { name: L['users.disable'] });
    await disable.click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('role')).toBe('alertdialog');
    // Tab goes round inside the dialog: nothing behind it ever takes the focus.
    const outside = () => page.evaluate(() => {
      const open = document.querySelector('dialog[open]');
      const active = document.activeElement;
      return active !== null && active !== document.body && !open?.contains(active);
    });
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'Tab' : 'Shift+Tab');
      await page.keyboard.press('Tab');
      expect(await outside()).toBe(false);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await disable.evaluate((button) => button === document.activeElement)).toBe(true);
    // Backing out changed nothing.
    expect(await page.getByTestId(`user-${SALES.username}`).textContent()).toContain(L['users.status.active']);

    // A toast says the idle time was saved, in the status region, until dismissed or timed out.
    const rules = page.getByTestId('sign-in-rules');
    await rules.getByLabel(L['rules.idle']).fill('20');
    await rules.getByRole('button', { name: L['rules.save'] }).click();
    const toaster = page.getByTestId('toaster');
    expect(await toaster.getAttribute('role')).toBe('status');
    expect(await toaster.getAttribute('aria-live')).toBe('polite');
    await toaster.getByTestId('toast').getByText(L['rules.saved']).waitFor();
    await toaster.getByRole('button', { name: L['ui.dismiss'] }).click();
    await expect.poll(() => toaster.getByTestId('toast').count()).toBe(0);

    // A table row that opens something: Enter on a recent merge opens the record that was kept.
    await page.getByRole('button', { name: L['nav.customers'] }).click();
    await page.getByRole('button', { name: L['merge.recentButton'] }).click();
    const merge = page.getByTestId('merge-row').first();
    expect(await merge.getAttribute('tabindex')).toBe('0');
    await merge.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('customer-detail').waitFor();
    expect(await page.locator('#record-name').textContent()).toContain('李娜');
    expect(app.pageErrors).toEqual([]);
  });
});
