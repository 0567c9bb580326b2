import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import type { Locale } from '../../shared/contract';
import type { CustomerView } from '../../shared/customers';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SUPPORT = { username: 'sam', displayName: 'Sam 孙', password: 'Copper-Kettle-31' };
/** Enough rows for a dozen 500-row transactions, so Cancel lands between two of them. */
const ROWS_BIG = 6000;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The owner's customers as main lists them, names sorted: the outcome, not the screen. */
async function customerNames(testApp: TestApp): Promise<string[]> {
  const list = await readAs<{ items: CustomerView[] }>(testApp.router, OWNER, 'customers.list', { limit: 200 });
  return list.items.map((c) => c.name).sort();
}

/** A workbook as a shop keeps it: Chinese headers, a bad e-mail, a missing name, a repeated row, a merged company cell. */
function customerWorkbook(file: string): void {
  const rows = [
    ['姓名', '手机', '公司', '邮箱', '微信'],
    ['王伟', '13912345678', '星辰贸易有限公司', 'wangwei@example.com', 'ww_88'],
    ['张丽', '13712345678', '远山茶社', '', ''],
    // Excel keeps no value in the lower cells of a merge.
    ['', '13612345678', null, '', ''],
    ['刘洋', '13512345678', '', 'liuyang-at-example', ''],
    ['王伟', '13912345678', '星辰贸易', '', ''],
  ];
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!merges'] = [{ s: { r: 2, c: 2 }, e: { r: 3, c: 2 } }]; // C3:C4, 远山茶社 over two rows
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '客户');
  fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

/** The same kind of list saved by Excel on Chinese Windows: "CSV (逗号分隔)" in GBK. */
function gbkCsv(file: string): void {
  const text = ['姓名,手机号码,公司,地址', '李娜,13800138000,青禾花店,杭州市西湖区', '赵敏,13600136000,,上海市黄浦区', '钱多多,12345,金钱豹,'].join('\r\n');
  fs.writeFileSync(file, iconv.encode(text, 'gbk'));
}

async function chooseFile(page: Page, L: Record<string, string>): Promise<void> {
  await page.getByTestId('import-choose').click();
  await page.getByTestId('import-map-step').waitFor();
  await expect.poll(() => page.getByTestId('import-step-title').textContent()).toBe(L['import.step.map']);
  // The new step's heading has the focus, so the keyboard and a screen reader start there.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-step-title');
}

const count = (page: Page, key: string) => page.getByTestId(`import-count-${key}`).getAttribute('data-count');

describeKeychain('importing customers, in Chromium', () => {
  it('an empty vault offers the import; a Chinese workbook is mapped, checked, imported with progress, listed, then undone (zh-CN)', async () => {
    const profileDir = tempDir('coffer-e2e-import-');
    const folder = tempDir('coffer-e2e-import-files-');
    const file = path.join(folder, '客户名单.xlsx');
    customerWorkbook(file);
    await seedVault(profileDir, OWNER, async () => {});
    app = await launchApp({ profileDir, osLocales: ['zh-CN'], core: { pickImportFile: async () => file, pickSaveFile: async (name) => path.join(folder, name) } });
    const { page } = app;
    const L = CATALOG['zh-CN'];
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await signInAs(app, 'zh-CN', OWNER);

    // The first screen of an empty vault offers the import.
    await page.getByTestId('import-invite').getByRole('button', { name: L['import.invite.action'] }).click();
    await page.getByTestId('import-wizard').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-step-title');
    await chooseFile(page, L);

    // Mapping suggested from the Chinese headers; 微信 is the WeChat ID field now (issue 14).
    await expect.poll(() => page.getByTestId('import-file-name').textContent()).toBe('客户名单.xlsx');
    expect(await page.getByTestId('import-format').textContent()).toBe(L['import.format.xlsx']);
    // A merged company cell is read once unless the person asks to fill it down.
    const samplesOfC = () => page.locator('[data-testid="import-column"][data-letter="C"] td.samples').textContent();
    expect(await samplesOfC()).toBe('星辰贸易有限公司 · 远山茶社 · 星辰贸易');
    await page.getByTestId('import-fill-merged').check();
    await expect.poll(samplesOfC).toBe('星辰贸易有限公司 · 远山茶社 · 远山茶社');
    const target = (letter: string) => page.getByLabel(L['import.map.targetFor'].replace('{letter}', letter)).inputValue();
    expect([await target('A'), await target('B'), await target('C'), await target('D'), await target('E')]).toEqual(['name', 'mobile', 'company', 'email', 'wechat']);
    // Two columns as the mobile: Next waits until the clash is gone.
    await page.getByLabel(L['import.map.targetFor'].replace('{letter}', 'C')).selectOption('mobile');
    await expect.poll(() => page.getByTestId('import-check').isDisabled()).toBe(true);
    await page.getByLabel(L['import.map.targetFor'].replace('{letter}', 'C')).selectOption('company');
    await page.getByTestId('import-check').click();

    // The dry run: counts on top, every row by its Excel row number, reasons with the column letter.
    await page.getByTestId('import-check-step').waitFor();
    await expect.poll(() => count(page, 'new')).toBe('2');
    expect(await count(page, 'error')).toBe('2');
    expect(await count(page, 'skip')).toBe('1');
    const reasons = (row: number) => page.locator(`[data-testid="import-row"][data-row="${row}"] [data-testid="import-row-reasons"]`).textContent();
    expect(await reasons(4)).toContain('A 列：姓名为空');
    expect(await reasons(5)).toContain('D 列：邮箱地址无效');
    expect(await reasons(6)).toContain('与本文件第 2 行重复');
    expect(await customerNames(app)).toEqual([]);

    // Only the errors, through main's paging: the filter is a tab list, each tab with its count.
    expect(await page.getByTestId('import-filter-error').textContent()).toBe(`${L['import.count.error']} 2`);
    await page.getByTestId('import-filter-error').click();
    expect(await page.getByTestId('import-filter-error').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('import-row').count()).toBe(2);
    // The error rows as a workbook to fix: written by main where the person chose.
    await page.getByTestId('import-save-errors').click();
    await page.getByTestId('import-saved').waitFor();
    const saved = fs.readdirSync(folder).filter((name) => name !== '客户名单.xlsx');
    expect(saved).toHaveLength(1);
    const errorBook = XLSX.read(fs.readFileSync(path.join(folder, saved[0]!)));
    const errorRows = XLSX.utils.sheet_to_json<string[]>(errorBook.Sheets[errorBook.SheetNames[0]!]!, { header: 1 });
    expect(JSON.stringify(errorRows)).toContain('liuyang-at-example');

    // The progress bar is drawn while the rows go in (watched from the page, however quick the import).
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress?: string };
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][data-testid="import-progress"]');
        if (bar && !w.sawProgress) w.sawProgress = bar.getAttribute('aria-label') ?? '';
      }).observe(document.body, { childList: true, subtree: true });
    });

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').getAttribute('data-state')).toBe('done');
    expect(await page.evaluate(() => (window as unknown as { sawProgress?: string }).sawProgress)).toBe(L['import.progress.label']);
    expect(await page.getByTestId('import-summary').textContent()).toContain('新建 2');
    await page.getByTestId('import-to-list').click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(2);
    expect(await customerNames(app)).toEqual(['张丽', '王伟'].sort());

    // History -> undo -> they are gone.
    await page.getByTestId('import-history-open').click();
    await page.getByTestId('import-batch').first().waitFor();
    expect(await page.getByTestId('import-batch').first().textContent()).toContain('客户名单.xlsx');
    await page.getByTestId('import-undo').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: L['import.undo.confirm'] }).click();
    await page.getByTestId('import-undone').waitFor();
    await expect.poll(() => customerNames(app!)).toEqual([]);
    expect(await page.getByTestId('import-batch').first().getAttribute('data-state')).toBe('undone');
    expect(app.pageErrors).toEqual([]);
  });

  it('a GBK CSV is read as GB18030, matches an existing customer, a repeat must be confirmed, and an undo keeps a customer edited since (en)', async () => {
    const profileDir = tempDir('coffer-e2e-import-');
    const folder = tempDir('coffer-e2e-import-files-');
    const file = path.join(folder, 'contacts.csv');
    gbkCsv(file);
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'customers.create', { name: '李娜', mobile: '13800138000' });
    });
    app = await launchApp({ profileDir, core: { pickImportFile: async () => file } });
    const { page } = app;
    const L = CATALOG.en;
    await signInAs(app, 'en', OWNER);
    await page.getByRole('button', { name: L['nav.customers'] }).click();
    await page.getByTestId('import-open').click();
    await chooseFile(page, L);

    expect(await page.getByTestId('import-encoding').inputValue()).toBe('gb18030');
    expect(await page.getByTestId('import-format').textContent()).toBe(L['import.format.text']);
    expect(await page.getByTestId('import-columns').textContent()).toContain('手机号码');
    // Another encoding re-reads the file in main: Big5 garbles the headers, GB18030 brings them back.
    await page.getByTestId('import-encoding').selectOption('big5');
    await expect.poll(() => page.getByTestId('import-columns').textContent()).not.toContain('手机号码');
    expect(await page.getByTestId('import-check').isDisabled()).toBe(true);
    await page.getByTestId('import-encoding').selectOption('gb18030');
    await expect.poll(() => page.getByTestId('import-columns').textContent()).toContain('手机号码');
    // A header row past the end is refused with what to do; the preview stays as it was.
    await page.getByTestId('import-header-row').fill('99');
    await page.getByTestId('import-header-row').press('Enter');
    await expect.poll(() => page.getByTestId('import-map-step').getByTestId('error').textContent()).toBe(L['import.map.headerRowOutOfRange']);
    await page.getByTestId('import-header-row').fill('1');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-step').waitFor();
    // 李娜 is already in the book: skipped by default, filled in when asked.
    await expect.poll(() => count(page, 'skip')).toBe('1');
    expect(await count(page, 'new')).toBe('2');
    const row = (n: number) => page.locator(`[data-testid="import-row"][data-row="${n}"]`);
    expect(await row(4).getByTestId('import-row-reasons').textContent()).toContain('Column B: invalid mobile number');
    await page.getByTestId('import-choice').selectOption('updateEmpty');
    await expect.poll(() => count(page, 'update')).toBe('1');
    // One row back to "skip", by itself.
    await page.getByLabel('What to do with row 2').selectOption('skip');
    await expect.poll(() => count(page, 'update')).toBe('0');
    await page.getByLabel('What to do with row 2').selectOption('');
    await expect.poll(() => count(page, 'update')).toBe('1');

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    const names = await customerNames(app);
    expect(names).toEqual(['李娜', '赵敏', '钱多多'].sort());
    const lina = (await readAs<{ items: CustomerView[] }>(app.router, OWNER, 'customers.list', { limit: 200 })).items.find((c) => c.name === '李娜');
    expect(lina?.company).toBe('青禾花店');

    // The same file again: a warning with when and who, and no import until it is confirmed.
    await page.getByTestId('import-to-list').click();
    await page.getByTestId('import-open').click();
    await chooseFile(page, L);
    // "Remember this mapping" was on: the same headers come back mapped from it.
    await page.getByTestId('import-remembered').waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-repeat').waitFor();
    expect(await page.getByTestId('import-repeat').textContent()).toContain(OWNER.username);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.getByTestId('import-repeat').getByLabel(L['import.repeat.confirm']).check();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(false);

    // Someone edits an imported customer; the undo names her and, when told, keeps her.
    await page.getByTestId('import-wizard').getByRole('button', { name: L['import.close'] }).click();
    const list = await readAs<{ items: CustomerView[] }>(app.router, OWNER, 'customers.list', { limit: 200 });
    const zhao = list.items.find((c) => c.name === '赵敏')!;
    await readAs(app.router, OWNER, 'customers.update', { id: zhao.id, changes: { city: '上海' } });
    await page.getByTestId('import-history-open').click();
    await page.getByTestId('import-undo').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: L['import.undo.confirm'] }).click();
    const blocked = page.getByTestId('import-undo-blocked');
    await blocked.waitFor();
    expect(await blocked.locator('li').allTextContents()).toEqual(['赵敏']);
    expect(await customerNames(app)).toEqual(['李娜', '赵敏', '钱多多'].sort());
    await blocked.getByRole('button', { name: L['import.undo.force'] }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: L['import.undo.force'] }).click();
    await page.getByTestId('import-undone').waitFor();
    expect(await page.getByTestId('import-undone').textContent()).toBe(L['import.undo.done'].replace('{removed}', '1').replace('{restored}', '1').replace('{kept}', '1'));
    expect(await customerNames(app)).toEqual(['李娜', '赵敏'].sort());
    const after = await readAs<{ items: CustomerView[] }>(app.router, OWNER, 'customers.list', { limit: 200 });
    expect(after.items.find((c) => c.name === '李娜')?.company ?? null).toBeNull();
    expect(app.pageErrors).toEqual([]);
  });

  it('a long import is stopped with its Cancel button between transactions; what was written stays and is listed (en)', async () => {
    const profileDir = tempDir('coffer-e2e-import-');
    const file = path.join(tempDir('coffer-e2e-import-files-'), 'big.csv');
    const lines = ['Name,Mobile,Company'];
    for (let i = 0; i < ROWS_BIG; i += 1) lines.push(`客户${i},139${String(i).padStart(8, '0')},公司${i % 50}`);
    fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}`);
    await seedVault(profileDir, OWNER, async () => {});
    app = await launchApp({ profileDir, core: { pickImportFile: async () => file } });
    const { page } = app;
    const L = CATALOG.en;
    await signInAs(app, 'en', OWNER);
    await page.getByRole('button', { name: L['nav.customers'] }).click();
    await page.getByTestId('import-open').click();
    await chooseFile(page, L);
    await page.getByTestId('import-check').click();
    await expect.poll(() => count(page, 'new'), { timeout: 60_000 }).toBe(String(ROWS_BIG));
    // The button is pressed the moment it is drawn (a person would be slower; the rows are quick).
    await page.evaluate(() => {
      const observer = new MutationObserver(() => {
        const stop = document.querySelector<HTMLButtonElement>('[data-testid="import-cancel"]');
        if (!stop) return;
        observer.disconnect();
        stop.click();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-done').getAttribute('data-state')).toBe('cancelled');
    // Whole transactions of 500, fewer than the file: the batch stopped between two of them.
    const listed = await readAs<{ total: number }>(app.router, OWNER, 'customers.list', { limit: 1 });
    expect(listed.total % 500).toBe(0);
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.total).toBeLessThan(ROWS_BIG);
    // The summary counts what was written, not what the dry run planned.
    expect(await page.getByTestId('import-summary').textContent()).toContain(`${listed.total.toLocaleString('en')} new`);
    const history = await readAs<{ state: string }[]>(app.router, OWNER, 'import.history', {});
    expect(history.map((b) => b.state)).toEqual(['cancelled']);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it.each<Locale>(['en', 'zh-CN'])('a hostile file (random bytes named .xlsx) is refused with advice, nothing written; support has no Import button (%s)', async (locale) => {
    const profileDir = tempDir('coffer-e2e-import-');
    const folder = tempDir('coffer-e2e-import-files-');
    const file = path.join(folder, 'customers.xlsx');
    fs.writeFileSync(file, crypto.randomBytes(64 * 1024));
    // Past the size cap (a sparse file: no 51 MB written); main refuses it before reading it.
    const huge = path.join(folder, 'huge.csv');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 51 * 1024 * 1024);
    let picked = file;
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'customers.create', { name: 'Acme Tea' });
      await ok(router, 'seed', 'users.create', { ...SUPPORT, role: 'support' });
    });
    app = await launchApp({ profileDir, core: { pickImportFile: async () => picked } });
    const { page } = app;
    const L = CATALOG[locale];
    if (locale === 'zh-CN') await page.getByTestId('language-switch').selectOption('zh-CN');
    await signInAs(app, locale, OWNER);
    await page.getByRole('button', { name: L['nav.customers'] }).click();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-choose').click();
    const refused = page.getByTestId('import-refused');
    await refused.waitFor();
    expect(await refused.getAttribute('data-reason')).toBe('corrupt');
    expect(await refused.textContent()).toBe(L['import.refused.corrupt']);
    picked = huge;
    await page.getByTestId('import-choose').click();
    await expect.poll(() => refused.getAttribute('data-reason')).toBe('too_large');
    expect(await refused.textContent()).toBe(L['import.refused.too_large']);
    expect(await customerNames(app)).toEqual(['Acme Tea']);

    // Support may read customers but not import them: no Import button for that role.
    await page.getByTestId('signed-in-as').click();
    await page.getByRole('button', { name: L['home.logout'] }).click();
    await signInAs(app, locale, SUPPORT);
    await page.getByRole('button', { name: L['nav.customers'] }).click();
    await page.getByTestId('customers-page').waitFor();
    expect(await page.getByTestId('import-open').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
