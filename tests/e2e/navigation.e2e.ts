import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };
const SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
];
/** Enough rows that the list's own scroll box and the audit page both scroll. */
const CUSTOMERS = 120;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The owner and a salesperson, each with a book: every third customer tagged 'retail', the rest 'wholesale'. */
async function seedTemplate(profileDir: string): Promise<void> {
  await seedVault(profileDir, OWNER, async (router) => {
    await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
    await ok(router, 'sales', 'session.login', { username: SALES.username, password: SALES.password });
    for (let i = 0; i < CUSTOMERS; i += 1) {
      const n = String(i).padStart(3, '0');
      const tags = i % 3 === 0 ? ['retail'] : ['wholesale'];
      await ok(router, i < 30 ? 'sales' : 'seed', 'customers.create', { name: `Customer ${n}`, tags });
    }
  });
}

// Seeded once (120 audited creates take a while on 2 cores); each test opens its own copy. The
// copy holds the same vault id, so the same keychain entry opens it.
let template = '';

async function seed(): Promise<string> {
  const profileDir = tempDir('coffer-e2e-nav-');
  fs.cpSync(template, profileDir, { recursive: true });
  return profileDir;
}

const menu = (page: Page) => page.getByTestId('main-menu');
const contentScroll = (page: Page) => page.getByTestId('content-scroll');
const tableScroll = (page: Page) => page.getByTestId('customers-table').locator('xpath=..');

/** Every control of the menu (items, the user's name, Lock) with its box, in order. */
async function menuBoxes(page: Page): Promise<{ name: string; x: number; y: number; width: number; height: number }[]> {
  return menu(page)
    .locator('button, input')
    .evaluateAll((elements) =>
      elements.map((el) => {
        const box = el.getBoundingClientRect();
        return { name: el.textContent || el.getAttribute('aria-label') || '', x: box.x, y: box.y, width: box.width, height: box.height };
      }),
    );
}

async function expectMenuInViewport(page: Page, where: string): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const boxes = await menuBoxes(page);
  expect(boxes.length, where).toBeGreaterThan(3);
  for (const box of boxes) {
    const inside = box.width > 0 && box.height > 0 && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
    expect(inside, `${where}: "${box.name}" at ${JSON.stringify(box)} in ${width}x${height}`).toBe(true);
  }
}

/** Opens a menu item and waits until the menu says it is the current page. */
async function open(page: Page, testId: string): Promise<void> {
  const item = page.getByTestId(testId);
  await item.click();
  await expect.poll(() => item.getAttribute('aria-current')).toBe('page');
}

describeKeychain('navigation and layout, in Chromium', () => {
  beforeAll(async () => {
    // Not tempDir(): that one is removed after the first test.
    template = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-e2e-nav-template-'));
    await seedTemplate(template);
  }, 180_000);
  afterAll(() => fs.rmSync(template, { recursive: true, force: true }));

  it('every menu item stays in the window on every page at 1024x640 and 1280x800, for the owner and a salesperson, and scrolling the content never moves the menu', async () => {
    const profileDir = await seed();
    for (const who of [OWNER, SALES]) {
      app = await launchApp({ profileDir });
      const { page } = app;
      await signIn(app, who);
      const items = await menu(page).locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!));
      // The menu follows the role: sales sees no audit log, backups, users or settings.
      expect(items.includes('nav-audit')).toBe(who === OWNER);
      expect(items.includes('nav-settings')).toBe(who === OWNER);
      expect(items.length).toBeGreaterThanOrEqual(who === OWNER ? 8 : 4);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const item of [...items, 'signed-in-as']) {
          await open(page, item);
          await expectMenuInViewport(page, `${who.username} ${size.width}x${size.height} ${item}`);
          // The window itself never scrolls: only the content area does.
          expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight + 1)).toBe(true);
        }
        // A long page: the audit log for the owner (every seeded create is a row; views are hidden, so 60+ changes), the customers list for sales.
        await open(page, who === OWNER ? 'nav-audit' : 'nav-customers');
        if (who === OWNER) await page.getByTestId('audit-row').nth(60).waitFor();
        else await page.getByTestId('customer-row').first().waitFor();
        const before = await menuBoxes(page);
        const box = (await contentScroll(page).boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, 3000);
        await contentScroll(page).evaluate((el) => el.scrollBy(0, 5000));
        if (who === OWNER) await expect.poll(() => contentScroll(page).evaluate((el) => el.scrollTop)).toBeGreaterThan(500);
        expect(await menuBoxes(page)).toEqual(before);
        await expectMenuInViewport(page, `${who.username} ${size.width}x${size.height} after scrolling`);
      }
      expect(app.pageErrors).toEqual([]);
      await app.close();
      app = undefined;
    }
  }, 240_000);

  it('Back and Forward (Alt+arrows, the mouse side buttons, the top-bar buttons, the Windows app-command) return to the list with its filter and scroll offset', async () => {
    app = await launchApp({ profileDir: await seed() });
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(app, OWNER);
    const back = page.getByTestId('history-back');
    const forward = page.getByTestId('history-forward');
    // At the start of the history both are off, and they say their shortcut.
    expect(await back.isDisabled()).toBe(true);
    expect(await forward.isDisabled()).toBe(true);
    expect(await back.getAttribute('title')).toContain('Alt+Left');
    expect(await forward.getAttribute('title')).toContain('Alt+Right');

    await open(page, 'nav-customers');
    await page.getByLabel('Tags', { exact: true }).selectOption('wholesale');
    await expect.poll(() => page.getByTestId('customer-row').first().textContent()).toContain('Customer 001');
    await tableScroll(page).evaluate((el) => {
      el.scrollTop = 1500;
    });
    await expect.poll(() => tableScroll(page).evaluate((el) => el.scrollTop)).toBe(1500);

    const listIsBack = async (how: string) => {
      await expect.poll(() => page.getByTestId('nav-customers').getAttribute('aria-current'), { message: how }).toBe('page');
      expect(await page.getByLabel('Tags', { exact: true }).inputValue(), how).toBe('wholesale');
      await expect.poll(() => tableScroll(page).evaluate((el) => Math.round(el.scrollTop)), { message: how }).toBe(1500);
      // Still filtered: no retail customer (every third, from 000) among the rows.
      expect(await page.getByTestId('customer-row').filter({ hasText: 'Customer 000' }).count(), how).toBe(0);
    };
    const remindersShown = async (how: string) => expect.poll(() => page.getByTestId('nav-reminders').getAttribute('aria-current'), { message: how }).toBe('page');

    await open(page, 'nav-reminders');
    expect(await back.isDisabled()).toBe(false);

    await page.keyboard.press('Alt+ArrowLeft');
    await listIsBack('Alt+Left');
    await page.keyboard.press('Alt+ArrowRight');
    await remindersShown('Alt+Right');

    // The mouse's side buttons: button 3 is Back, 4 is Forward; the page cancels them so
    // Chromium does not navigate the document itself.
    const sideButton = (button: number) =>
      page.evaluate((b) => {
        const target = document.querySelector('[data-testid="content-scroll"]')!;
        const down = new MouseEvent('mousedown', { button: b, bubbles: true, cancelable: true });
        const up = new MouseEvent('mouseup', { button: b, bubbles: true, cancelable: true });
        target.dispatchEvent(down);
        target.dispatchEvent(up);
        return { down: down.defaultPrevented, up: up.defaultPrevented };
      }, button);
    expect(await sideButton(3)).toEqual({ down: true, up: true });
    await listIsBack('mouse button 3');
    expect(await sideButton(4)).toEqual({ down: true, up: true });
    await remindersShown('mouse button 4');

    await back.click();
    await listIsBack('top-bar Back');
    await forward.click();
    await remindersShown('top-bar Forward');
    expect(await forward.isDisabled()).toBe(true);

    // Windows: main turns the app-command into this event (electron/main/app-command.ts).
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('coffer:menu', { detail: 'history.back' })));
    await listIsBack('app-command browser-backward');
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('coffer:menu', { detail: 'history.forward' })));
    await remindersShown('app-command browser-forward');

    // The content area's own offset comes back too (the audit page is long). Reads audited in the
    // meantime add rows at the top of the log, and the browser's scroll anchoring may keep the
    // rows the person saw in place by moving a little further down: at 900, or just past it.
    await open(page, 'nav-audit');
    await page.getByTestId('audit-row').nth(60).waitFor();
    await contentScroll(page).evaluate((el) => {
      el.scrollTop = 900;
    });
    await open(page, 'nav-home');
    expect(await contentScroll(page).evaluate((el) => el.scrollTop)).toBe(0);
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => page.getByTestId('nav-audit').getAttribute('aria-current')).toBe('page');
    await expect.poll(() => contentScroll(page).evaluate((el) => el.scrollTop)).toBeGreaterThanOrEqual(899);
    expect(await contentScroll(page).evaluate((el) => el.scrollTop)).toBeLessThan(1300);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('About shows the schema version in Settings, and on the Account page for a role without Settings', async () => {
    const profileDir = await seed();
    app = await launchApp({ profileDir });
    const { page, router } = app;
    const version = (await ok(router, 'check', 'app.version', {})) as { app: string; schema: number; sqlite: string };
    expect(version.schema).toBeGreaterThan(0);
    await signIn(app, OWNER);
    // No footer on every screen any more.
    expect(await page.getByTestId('version').count()).toBe(0);
    await open(page, 'nav-settings');
    const about = page.getByTestId('settings-page').getByTestId('about');
    await about.getByRole('heading', { name: 'About Coffer' }).waitFor();
    expect(await about.getByTestId('about-schema').textContent()).toBe(String(version.schema));
    expect(await about.getByTestId('about-app').textContent()).toBe('0.0.0-e2e');
    expect(await about.getByTestId('about-sqlite').textContent()).toBe(version.sqlite);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await about.getByRole('heading', { name: '关于 Coffer' }).waitFor();
    await about.getByText('数据库结构版本').waitFor();
    // The owner's Account page leaves About to Settings.
    await open(page, 'signed-in-as');
    await page.getByTestId('account-page').waitFor();
    expect(await page.getByTestId('account-page').getByTestId('about').count()).toBe(0);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('signed-in-as').getByText('Owner').waitFor();
    await app.close();

    app = await launchApp({ profileDir });
    await signIn(app, SALES);
    await open(app.page, 'signed-in-as');
    const salesAbout = app.page.getByTestId('account-page').getByTestId('about');
    expect(await salesAbout.getByTestId('about-schema').textContent()).toBe(String(version.schema));
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('the Account page, reached from the name in the menu, has two-step sign-in, password and sign out; Home keeps only the work of the day', async () => {
    app = await launchApp({ profileDir: await seed() });
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 640 });
    await signIn(app, OWNER);
    const home = page.getByTestId('home');
    await home.waitFor();
    for (const moved of ['two-factor', 'change-password', 'rotate-key', 'sign-out']) expect(await page.getByTestId(moved).count(), moved).toBe(0);
    await page.getByTestId('dashboard').waitFor();

    await page.getByTestId('signed-in-as').click();
    const account = page.getByTestId('account-page');
    await account.getByRole('heading', { name: 'My account' }).waitFor();
    await account.getByText('Boss · Owner · username boss').waitFor();
    await account.getByTestId('two-factor').waitFor();
    await account.getByTestId('change-password').waitFor();
    await account.getByTestId('rotate-key').waitFor();
    // Lock stays reachable from the menu on every page.
    await menu(page).getByRole('button', { name: 'Lock' }).waitFor();
    await account.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('login').waitFor();
    expect(await page.getByTestId('main-menu').count()).toBe(0);
    // Signed out for real in main, not only hidden: the page's caller has no session.
    expect(((await ok(app.router, 'e2e-page', 'app.status', {})) as { session?: unknown }).session ?? null).toBeNull();

    // A salesperson's Account page: no database key (owner only), the rest the same.
    await signIn(app, SALES);
    await open(page, 'signed-in-as');
    await account.getByTestId('change-password').waitFor();
    await account.getByTestId('two-factor').waitFor();
    expect(await account.getByTestId('rotate-key').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
