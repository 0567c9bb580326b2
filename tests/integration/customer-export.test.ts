import { NO_APPROVAL } from '../../electron/core/approvals/approval-gate';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { afterEach, expect, it, vi } from 'vitest';
import type { Role } from '../../shared/contract';
import { createCustomerExport } from '../../electron/core/export/customer-export';
import { canRevealField, fieldVisibility } from '../../shared/field-policy';
import { maskField } from '../../shared/masking';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { HOSTILE } from '../unit/export/hostile-payloads';
import { OWNER, approvalsOff } from './vault-helpers';
import { MARKERS, ROLE_LIST, accessWorld, type AccessWorld } from './access-helpers';

const ALL_COLUMNS = ['name', 'level', 'ownerUsername', 'tags', 'mobile', 'phone', 'email', 'province', 'city', 'addressDetail', 'company', 'notes', 'idNumber', 'bankCard'] as const;

/** A world whose save dialog answers with a fresh path in a fresh folder (or null: cancel). */
async function exportWorld(answer: 'file' | 'cancel' = 'file'): Promise<{ world: AccessWorld; folder: string; target: () => string }> {
  const folder = tempDir();
  let count = 0;
  let last = '';
  const world = await accessWorld({
    pickSaveFile: async () => {
      if (answer === 'cancel') return null;
      last = path.join(folder, `export-${++count}`);
      return last;
    },
  });
  // Not about approvals: exporting every customer alone is this file's subject (approvals-flow tests the gate).
  approvalsOff(world.core, world.core.sessions.current('owner')!);
  return { world, folder, target: () => last };
}

const exportAudit = (world: AccessWorld) =>
  world.core.vault.db().prepare("SELECT username, record_id AS recordId, outcome, fields, reason FROM audit_log WHERE action = 'customer.export' ORDER BY id").all() as {
    username: string;
    recordId: string;
    outcome: string;
    fields: string;
    reason: string;
  }[];

/** Every text inside the xlsx: each zip entry decompressed (sheets, shared strings, properties). */
function xlsxText(bytes: Buffer): string {
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  return zip.FileIndex.map((entry: { content?: unknown }) => (entry.content ? Buffer.from(entry.content as Uint8Array).toString('utf8') : '')).join('\n');
}

/** The full sensitive values, and long runs of their digits, must not appear anywhere. */
function expectNoFull(text: string, fields: readonly (keyof typeof MARKERS)[]): void {
  for (const field of fields) {
    expect(text, field).not.toContain(MARKERS[field]);
    const digits = MARKERS[field].replace(/\D/g, '');
    if (digits.length >= 8) expect(text.replace(/\D/g, ''), field).not.toContain(digits.slice(3, 14));
  }
}

afterEach(() => vi.restoreAllMocks());

describeKeychain('customers.export', () => {
  it('only the owner may export alone; the manager\'s approval grant needs an approved request, sales, support and auditor are refused; nothing is written', async () => {
    const { world, folder } = await exportWorld();
    for (const role of ROLE_LIST.filter((r): r is Exclude<Role, 'owner'> => r !== 'owner')) {
      const result = await world.router.dispatch(world.caller(role), 'customers.export', { format: 'csv', columns: [...ALL_COLUMNS] });
      expect(result, role).toMatchObject({ ok: false, error: { code: role === 'manager' ? 'APPROVAL_REQUIRED' : 'FORBIDDEN' } });
    }
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(exportAudit(world)).toEqual([]);
    // The refusals are in the log as refused calls.
    const refused = world.core.vault.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'ipc.rejected' AND reason LIKE '%customers.export'").get() as { n: number };
    expect(refused.n).toBe(3);
    world.core.close();
  });

  it('the core refuses too: a manager calling the service directly without an approval is FORBIDDEN before any dialog', async () => {
    let asked = 0;
    const world = await accessWorld({ pickSaveFile: async () => (asked++, null) });
    const manager = world.core.sessions.current('manager')!;
    await expect(world.core.customerExport.export(manager, { format: 'csv', columns: ['name'] }, NO_APPROVAL)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(asked).toBe(0);
    world.core.close();
  });

  it('the owner\'s csv: UTF-8 BOM, CRLF, every in-scope row, contacts as the owner sees them, ID number and bank card masked', async () => {
    const { world, target } = await exportWorld();
    const result = await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'csv', columns: [...ALL_COLUMNS] });
    expect(result).toMatchObject({ ok: true, value: { status: 'saved', rows: 3, omitted: [], masked: ['idNumber', 'bankCard'], unencodable: 0 } });
    const bytes = fs.readFileSync(target());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(ALL_COLUMNS.join(','));
    expect(lines).toHaveLength(5); // header, 3 rows, the empty string after the last CRLF
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toContain('王伟');
    expect(text).toContain(MARKERS.mobile); // the owner sees contacts in full on screen too
    expect(text).toContain('110***********451X');
    expectNoFull(text, ['idNumber', 'bankCard']);
    world.core.close();
  });

  it('the owner\'s xlsx: a cover sheet, every cell a string, no full ID number or bank card in any part of the zip', async () => {
    const { world, target } = await exportWorld();
    const owner = world.core.sessions.current('owner')!;
    world.core.customers.create(owner, { name: '0012', mobile: '+8613812345678', notes: '000123' });
    world.core.customers.create(owner, { name: 'Eighteen', notes: '440301198512250018', company: '6217000010001234567' });
    const result = await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'xlsx', columns: [...ALL_COLUMNS], filters: { level: 'regular' } });
    expect(result).toMatchObject({ ok: true, value: { status: 'saved', rows: 5 } });
    const exportId = (result as { value: { exportId: string } }).value.exportId;
    const bytes = fs.readFileSync(target());
    expectNoFull(xlsxText(bytes), ['idNumber', 'bankCard']);
    const book = XLSX.read(bytes, { type: 'buffer', cellFormula: true });
    expect(book.SheetNames).toEqual(['Export 导出说明', 'Customers 客户']);
    const cover = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    expect(cover).toEqual(
      expect.arrayContaining([
        ['导出编号 Export id', exportId],
        ['导出人 Exported by', `${OWNER.username} (owner)`],
        ['筛选 Filter', '{"level":"regular"}'],
        ['行数 Rows', '5'],
        ['已遮盖的列 Masked columns', 'idNumber, bankCard'],
      ]),
    );
    const sheet = book.Sheets[book.SheetNames[1]!]!;
    for (const [address, cell] of Object.entries(sheet)) {
      if (address.startsWith('!')) continue;
      expect((cell as XLSX.CellObject).t, address).toBe('s');
      expect((cell as XLSX.CellObject).f, address).toBeUndefined();
    }
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(sheet, { raw: true });
    const zero = rows.find((r) => r.name === '0012')!;
    expect(zero).toMatchObject({ name: '0012', mobile: '+8613812345678', notes: '000123', level: 'Regular' });
    // Long digit runs stay text: every digit as typed, no 1.10101E+17.
    expect(rows.find((r) => r.name === 'Eighteen')).toMatchObject({ notes: '440301198512250018', company: '6217000010001234567' });
    expect(rows.map((r) => r.name)).toEqual(['0012', 'Eighteen', 'Owner Customer', 'To Delete', '王伟']);
    world.core.close();
  });

  it('level and times read as the screen shows them: the app language\'s level words, local 24-hour `YYYY-MM-DD HH:mm`', async () => {
    const savedTz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const folder = tempDir();
      let n = 0;
      const clock = { at: Date.parse('2026-12-01T06:05:42Z') };
      const world = await accessWorld({ now: () => clock.at, pickSaveFile: async () => path.join(folder, `export-${++n}`) });
    approvalsOff(world.core, world.core.sessions.current('owner')!);
      const owner = world.core.sessions.current('owner')!;
      world.core.customers.create(owner, { name: 'Level Vip', level: 'vip' });
      world.core.customers.create(owner, { name: 'Level Prospect', level: 'prospect' });
      const columns = ['name', 'level', 'createdAt', 'updatedAt', 'lastInteractionAt'] as const;
      const exportAs = async (format: 'csv' | 'xlsx') => {
        const result = await world.router.dispatch(world.caller('owner'), 'customers.export', { format, columns: [...columns] });
        expect(result).toMatchObject({ ok: true, value: { status: 'saved' } });
        const file = path.join(folder, `export-${n}`);
        if (format === 'csv') return fs.readFileSync(file).subarray(3).toString('utf8').split('\r\n').filter(Boolean).slice(1).map((line) => line.split(','));
        const book = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
        return { rows: XLSX.utils.sheet_to_json<string[]>(book.Sheets['Customers 客户']!, { header: 1, raw: true, defval: '' }).slice(1), cover: XLSX.utils.sheet_to_json<string[]>(book.Sheets['Export 导出说明']!, { header: 1 }) };
      };
      const byName = (rows: string[][]) => Object.fromEntries(rows.map((r) => [r[0], r.slice(1)]));
      expect(world.core.app.locale()).toBe('en');
      expect(byName((await exportAs('csv')) as string[][])).toMatchObject({
        'Level Vip': ['VIP', '2026-12-01 14:05', '2026-12-01 14:05', ''],
        'Level Prospect': ['Prospect', '2026-12-01 14:05', '2026-12-01 14:05', ''],
        'To Delete': ['Regular', '2026-12-01 14:05', '2026-12-01 14:05', ''],
      });
      world.core.app.setLocale('zh-CN');
      const xlsx = (await exportAs('xlsx')) as { rows: string[][]; cover: string[][] };
      const at = '2026-12-01 14:05';
      expect(byName(xlsx.rows)).toMatchObject({ 'Level Vip': ['VIP', at, at, ''], 'Level Prospect': ['潜在客户', at, at, ''], 'To Delete': ['普通', at, at, ''] });
      expect(xlsx.cover).toContainEqual(['时间 When (UTC+08:00)', '2026-12-01 14:05']);
      const zhCsv = (await exportAs('csv')) as string[][];
      expect(byName(zhCsv)['Level Prospect']).toEqual(['潜在客户', '2026-12-01 14:05', '2026-12-01 14:05', '']);
      for (const row of [...zhCsv, ...xlsx.rows]) for (const cell of row.slice(2)) expect(cell).not.toMatch(/T|Z/);
      world.core.close();
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });

  it('hostile text is written with an apostrophe in front, in csv and in xlsx', async () => {
    const { world, target } = await exportWorld();
    const owner = world.core.sessions.current('owner')!;
    const names = HOSTILE.filter((p) => p.trim().length > 0 && p.trim() === p).slice(0, 12);
    for (const name of names) world.core.customers.create(owner, { name, notes: '＠SUM(1+1)' });
    await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'csv', columns: ['name', 'notes'] });
    const csv = fs.readFileSync(target()).toString('utf8');
    for (const name of names) expect(csv).toContain(`'${name}`.includes('"') || `'${name}`.includes(',') ? `"'${name.replace(/"/g, '""')}"` : `'${name}`);
    expect(csv).toContain("'＠SUM(1+1)");
    await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'xlsx', columns: ['name', 'notes'] });
    const book = XLSX.read(fs.readFileSync(target()), { type: 'buffer', cellFormula: true });
    const values = XLSX.utils.sheet_to_json<{ name: string; notes: string }>(book.Sheets['Customers 客户']!, { raw: true });
    for (const name of names) expect(values.map((v) => v.name)).toContain(`'${name}`);
    for (const cell of Object.values(book.Sheets['Customers 客户']!)) expect((cell as XLSX.CellObject).f).toBeUndefined();
    world.core.close();
  });

  it('GBK csv: Chinese text readable as GBK, and the characters GBK cannot hold are counted', async () => {
    const { world, target } = await exportWorld();
    const owner = world.core.sessions.current('owner')!;
    world.core.customers.create(owner, { name: '李娜😀', notes: '𠮷野家' });
    const result = await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'csv', encoding: 'gbk', columns: ['name', 'notes'] });
    expect(result).toMatchObject({ ok: true, value: { status: 'saved', rows: 4, unencodable: 2 } });
    const bytes = fs.readFileSync(target());
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = iconv.decode(bytes, 'gbk');
    expect(text).toContain('王伟');
    expect(text).toContain('李娜?');
    expect(text).toContain('?野家');
    world.core.close();
  });

  it('encoding is refused for xlsx: a clear input error and nothing written', async () => {
    const { world, folder } = await exportWorld();
    const result = await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'xlsx', encoding: 'gbk', columns: ['name'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fs.readdirSync(folder)).toEqual([]);
    world.core.close();
  });

  it('cancelling the save dialog writes nothing and audits no export', async () => {
    const { world, folder } = await exportWorld('cancel');
    const result = await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'xlsx', columns: ['name'] });
    expect(result).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(exportAudit(world)).toEqual([]);
    world.core.close();
  });

  it('is audited with export id, filter, columns, row count and the file\'s SHA-256, and no customer data', async () => {
    const { world, target } = await exportWorld();
    const result = await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'csv', columns: ['name', 'mobile', 'idNumber'], filters: { owner: 'sales1' } });
    expect(result).toMatchObject({ ok: true, value: { status: 'saved', rows: 1 } });
    const sha = createHash('sha256').update(fs.readFileSync(target())).digest('hex');
    const exportId = (result as { value: { exportId: string } }).value.exportId;
    const rows = exportAudit(world);
    expect(rows).toEqual([
      { username: OWNER.username, recordId: exportId, outcome: 'ok', fields: '["name","mobile","idNumber","filter.owner"]', reason: `rows=1 format=csv-utf8 sha256=${sha} filter={"owner":"sales1"}` },
    ]);
    // The exported customers count as seen by the exporter (issue 12's "customers seen").
    const seen = await world.router.dispatch(world.caller('owner'), 'audit.customersSeen', { username: OWNER.username, from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' });
    expect(seen).toMatchObject({ ok: true, value: { customerIds: expect.arrayContaining([1]) } });
    const idsOf = world.core.vault.db().prepare("SELECT customer_ids AS ids FROM audit_log WHERE action = 'customer.export'").get() as { ids: string };
    expect(idsOf.ids).toBe('1');
    const all = JSON.stringify(world.core.vault.db().prepare('SELECT * FROM audit_log').all());
    for (const value of Object.values(MARKERS)) expect(all).not.toContain(value);
    expect(all).not.toContain('王伟');
    world.core.close();
  });

  it('a failing write (disk error at fsync) leaves the old file at the destination, no temp file, and no audit row', async () => {
    const { world, folder, target } = await exportWorld();
    await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'csv', columns: ['name'] });
    const first = target();
    const before = fs.readFileSync(first);
    expect(exportAudit(world)).toHaveLength(1);
    // The next dialog answer is the same path: the person saves over their earlier export.
    const fsync = vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    });
    fs.renameSync(first, path.join(folder, 'export-2'));
    const result = await world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'csv', columns: ['name', 'mobile'] });
    expect(fsync).toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } });
    expect(fs.readdirSync(folder)).toEqual(['export-2']);
    expect(fs.readFileSync(path.join(folder, 'export-2'))).toEqual(before);
    expect(exportAudit(world)).toHaveLength(1);
    world.core.close();
  });

  it('no export without its audit row: if the audit write fails, the written file is removed again', async () => {
    const { world, folder } = await exportWorld();
    const target = path.join(folder, 'audit-fails.csv');
    const service = createCustomerExport({
      db: () => world.core.vault.db(),
      policy: { visibility: fieldVisibility, canReveal: canRevealField, mask: maskField },
      audit: () => {
        throw new Error('audit log unavailable');
      },
      pickSaveFile: async () => target,
    });
    await expect(service.export(world.core.sessions.current('owner')!, { format: 'csv', columns: ['name'] }, NO_APPROVAL)).rejects.toThrow('audit log unavailable');
    expect(fs.readdirSync(folder)).toEqual([]);
    world.core.close();
  });
});
