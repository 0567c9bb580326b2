import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { IMPORT_TARGETS, type ImportTarget } from '../../shared/import';
import { findCustomer, tagsOf } from '../../electron/core/customers/customer-repository';
import { inProcessImportParser } from '../../electron/core/import/file-parsers';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { finished, importWorld, type ImportWorld } from './import-helpers';
import { approvalsOff } from './vault-helpers';

const FIELDS = ['name', 'level', 'mobile', 'phone', 'email', 'province', 'city', 'company', 'industry', 'notes'] as const;
const asTarget = (header: string): ImportTarget => ((IMPORT_TARGETS as readonly string[]).includes(header) ? (header as ImportTarget) : 'ignore');

async function exportAs(world: ImportWorld, format: 'csv' | 'xlsx'): Promise<string> {
  const saved = await world.call('owner', 'customers.export', { format, columns: ['name', 'level', 'ownerUsername', 'tags', 'mobile', 'phone', 'email', 'province', 'city', 'company', 'industry', 'notes', 'createdAt'] });
  expect(saved.status).toBe('saved');
  return world.saved();
}

describeKeychain('import from real files', () => {
  it('round trip: customers exported as csv and as xlsx and imported back are the same customers, formula-guarded values unguarded', async () => {
    const world = await importWorld({ parser: inProcessImportParser });
    const owner = world.core.sessions.current('owner')!;
    const db = world.core.vault.db();
    // Exporting every customer is gated by default since issue 15; this test is about the round trip.
    approvalsOff(world.core, owner);
    // Everyone else out of the way: the file then holds only these.
    for (const id of [1, 2, 3]) world.core.customers.remove(owner, id);
    // A note keeps its lines; the level comes back from the word the export wrote in either language.
    const made = [
      world.core.customers.create(owner, { name: '=HYPERLINK("x")', mobile: '13800138000', email: 'a@example.com', city: '上海', company: '+86 贸易', notes: '@home\n第二行', tags: ['老客户', 'vip'], level: 'vip' }),
      world.core.customers.create(owner, { name: '王伟', phone: '021-55501234', province: '浙江', industry: '-茶叶', level: 'prospect' }),
      world.core.customers.create(owner, { name: 'Amy Li', mobile: '+86 139 0013 9000', notes: '喜欢 "绿茶", 周末' }),
    ];
    for (const format of ['csv', 'xlsx'] as const) {
      world.core.app.setLocale(format === 'csv' ? 'en' : 'zh-CN');
      const file = await exportAs(world, format);
      let preview = await world.openFile('owner', file);
      const sheet = preview.sheets.find((s) => s.startsWith('Customers'));
      if (sheet) preview = await world.call('owner', 'import.preview', { importId: preview.importId, sheet });
      const mapping = preview.columns.map((c) => ({ letter: c.letter, target: asTarget(c.header) }));
      expect(mapping.filter((m) => m.target !== 'ignore')).toHaveLength(11);
      const plan = await world.call('owner', 'import.dryRun', { importId: preview.importId, mapping, choice: 'new', rememberMapping: false });
      expect(plan.counts, format).toMatchObject({ new: 3, error: 0 });
      const { batchId } = await world.call('owner', 'import.commit', { importId: preview.importId, confirmRepeat: false });
      expect(await finished(world, 'owner', preview.importId)).toMatchObject({ state: 'done', counts: { new: 3 } });
      const created = (db.prepare("SELECT customer_id AS id FROM import_effects WHERE batch_id = ? AND action = 'new' ORDER BY customer_id").all(batchId) as { id: number }[]).map((r) => r.id);
      const back = created.map((id) => findCustomer(db, id)!);
      for (const original of made) {
        const copy = back.find((c) => c.name === original.name);
        expect(copy, `${format} ${original.name}`).toBeDefined();
        const stored = findCustomer(db, original.id)!;
        for (const field of FIELDS) expect(copy![field] ?? null, `${format} ${field}`).toEqual(stored[field] ?? null);
        expect(tagsOf(db, [copy!.id]).get(copy!.id)).toEqual(tagsOf(db, [original.id]).get(original.id));
      }
      // Undo, so the next format is compared against the originals alone.
      expect(await world.call('owner', 'import.undo', { batchId, force: false })).toMatchObject({ status: 'undone', removed: 3 });
    }
    world.core.close();
  });

  it('a GBK .csv and an .xlsx with an empty column: rows by their Excel number, reasons by the file\'s own column letter', async () => {
    const world = await importWorld({ parser: inProcessImportParser });
    const folder = tempDir();
    const csv = path.join(folder, '客户.csv');
    fs.writeFileSync(csv, iconv.encode('姓名,手机,邮箱\r\n张三,13800138000,zhang@example.com\r\n李四,12345,\r\n,13800138001,\r\n', 'gbk'));
    const preview = await world.openFile('owner', csv);
    expect(preview).toMatchObject({ format: 'text', encoding: 'gb18030', headerRow: 1, rows: 3, fileName: '客户.csv' });
    expect(preview.columns.map((c) => [c.letter, c.header, c.suggested])).toEqual([['A', '姓名', 'name'], ['B', '手机', 'mobile'], ['C', '邮箱', 'email']]);
    const plan = await world.call('owner', 'import.dryRun', { importId: preview.importId, mapping: preview.columns.map((c) => ({ letter: c.letter, target: c.suggested })), choice: 'skip', rememberMapping: true });
    expect(plan.counts).toMatchObject({ new: 2, error: 1, warning: 1 });
    expect(plan.rows).toEqual([
      expect.objectContaining({ row: 3, action: 'new', warnings: [{ code: 'invalid_phone', column: 'B' }] }),
      expect.objectContaining({ row: 4, action: 'error', errors: [{ code: 'name_missing', column: 'A' }] }),
    ]);
    await world.call('owner', 'import.commit', { importId: preview.importId, confirmRepeat: false });
    await finished(world, 'owner', preview.importId);
    const lisi = world.core.vault.db().prepare("SELECT notes, mobile FROM customers WHERE name = '李四'").get();
    expect(lisi).toEqual({ notes: '手机: 12345', mobile: null });

    // A title row, an empty column B: the header is found on row 2 and the phone is column C.
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['2026 客户名单'], ['姓名', '', '手机'], ['王五', '', '999'], ['赵六', '', '13900139000']]), '名单');
    const xlsx = path.join(folder, 'list.xlsx');
    fs.writeFileSync(xlsx, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const second = await world.openFile('owner', xlsx);
    expect(second).toMatchObject({ format: 'xlsx', headerRow: 2, rows: 2, rememberedMapping: false });
    expect(second.columns.map((c) => c.letter)).toEqual(['A', 'C']);
    const run = await world.call('owner', 'import.dryRun', { importId: second.importId, mapping: [{ letter: 'A', target: 'name' }, { letter: 'C', target: 'mobile' }], choice: 'skip', rememberMapping: false });
    expect(run.rows).toEqual([expect.objectContaining({ row: 3, warnings: [{ code: 'invalid_phone', column: 'C' }] })]);
    world.core.close();
  });
});
