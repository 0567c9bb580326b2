import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { importWorld, letters, table } from './import-helpers';

const HEADERS = ['姓名', '手机', '邮箱', '身份证', '等级', '标签', '备注', '微信'];
const MAP = letters(['name', 'mobile', 'email', 'idNumber', 'level', 'tags', 'notes', 'notes']);
const customers = (world: Awaited<ReturnType<typeof importWorld>>) => (world.core.vault.db().prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;

describeKeychain('import dry run', () => {
  it('gives each row its action and its reasons by Excel row number and column letter, and writes nothing but the audit row', async () => {
    const world = await importWorld();
    world.core.customerFields.set(world.core.sessions.current('owner')!, true, true);
    const id = await world.open('owner', table(HEADERS, [
      ['张三', '13800138000', 'zhang@example.com', '11010519491231002X', '重要', 'a，b、c', '老客户', 'wx_zs'],
      ['', '13800138001', '', '', '', '', '', ''],
      ['李四', '12345', 'not-an-email', '', 'gold', '', '', ''],
      ['王五', '13800138002', '', '110105194912310021', 'VIP', '', '', ''],
      ['赵六', '13800138000', '', '', '', '', '', ''],
      ['x'.repeat(101), '', '', '', '', '', '', ''],
      ['周七', '13800138003', '', '', '', Array.from({ length: 31 }, (_, i) => `t${i}`).join('|'), '', ''],
    ], { formulaCells: [{ row: 8, column: 1 }] }));
    const before = customers(world);
    const result = await world.call('owner', 'import.dryRun', { importId: id, mapping: MAP, choice: 'skip', rememberMapping: false });
    expect(result.total).toBe(7);
    expect(result.counts).toEqual({ new: 2, update: 0, merge: 0, skip: 1, error: 4, warning: 3 });
    const byRow = new Map(result.rows.map((r) => [r.row, r]));
    expect(byRow.has(2)).toBe(false); // plain new without warnings is not listed
    expect(byRow.get(3)).toMatchObject({ action: 'error', errors: [{ code: 'name_missing', column: 'A' }] });
    expect(byRow.get(4)).toMatchObject({ action: 'error', name: '李四', errors: [{ code: 'invalid_email', column: 'C' }] });
    expect(byRow.get(4)!.warnings).toEqual(expect.arrayContaining([{ code: 'invalid_phone', column: 'B' }, { code: 'invalid_level', column: 'E' }]));
    expect(byRow.get(5)).toMatchObject({ action: 'error', errors: [{ code: 'invalid_id_number', column: 'D' }] });
    expect(byRow.get(6)).toMatchObject({ action: 'skip', warnings: [{ code: 'duplicate_in_file', row: 2 }] });
    expect(byRow.get(7)).toMatchObject({ action: 'error', errors: [{ code: 'too_long', column: 'A' }] });
    expect(byRow.get(7)!.errors).toHaveLength(1);
    expect(byRow.get(8)).toMatchObject({ action: 'new' });
    expect(byRow.get(8)!.warnings).toEqual(expect.arrayContaining([{ code: 'too_many_tags', column: 'F' }, { code: 'formula_value', column: 'B' }]));
    // Nothing written; one audit row for the dry run, with its row count and no personal data.
    expect(customers(world)).toBe(before);
    expect(world.audit('customer.import')).toEqual([expect.objectContaining({ username: 'anna', outcome: 'ok', reason: 'dry-run rows=7' })]);
    const rows = await world.call('owner', 'import.rows', { importId: id, action: 'error', offset: 0, limit: 500 });
    expect(rows.rows.map((r) => r.row)).toEqual([3, 4, 5, 7]);
    expect(rows.total).toBe(4);
    const warned = await world.call('owner', 'import.rows', { importId: id, action: 'warning', offset: 1, limit: 1 });
    expect(warned).toMatchObject({ total: 3, rows: [{ row: 6 }] });
    world.core.close();
  });

  it('an ID number column that lost digits in the file is an error on every row with a value there', async () => {
    const world = await importWorld();
    world.core.customerFields.set(world.core.sessions.current('owner')!, true, true);
    const id = await world.open('owner', table(['姓名', '身份证'], [['甲', '110105194912310000'], ['乙', '']], { precisionLost: [1] }));
    const preview = await world.call('owner', 'import.preview', { importId: id });
    expect(preview.precisionLost).toEqual(['B']);
    const result = await world.call('owner', 'import.dryRun', { importId: id, mapping: letters(['name', 'idNumber']), choice: 'skip', rememberMapping: false });
    expect(result.rows).toEqual([expect.objectContaining({ row: 2, action: 'error', errors: expect.arrayContaining([{ code: 'id_precision_lost', column: 'B' }]) })]);
    expect(result.counts).toMatchObject({ new: 1, error: 1 });
    world.core.close();
  });

  it('each duplicate choice gives its action, a per-row override wins, and a bad mapping is refused', async () => {
    const world = await importWorld();
    const owner = world.core.sessions.current('owner')!;
    const existing = world.core.customers.create(owner, { name: '老王', mobile: '13700137000' });
    world.core.customers.create(owner, { name: '同名', company: '同一家有限公司' });
    const rows = [['老王', '137 0013 7000', ''], ['新人', '13600136000', ''], ['同名', '13600136001', '同一家']];
    const id = await world.open('owner', table(['姓名', '手机', '公司'], rows));
    const mapping = letters(['name', 'mobile', 'company']);
    const expected = { skip: 'skip', updateEmpty: 'update', overwrite: 'update', new: 'new', merge: 'merge' } as const;
    for (const [choice, action] of Object.entries(expected) as [keyof typeof expected, string][]) {
      const result = await world.call('owner', 'import.dryRun', { importId: id, mapping, choice, rememberMapping: false });
      expect(result.rows[0], choice).toMatchObject({ row: 2, action, match: { id: existing.id, name: '老王' }, warnings: [{ code: 'duplicate_in_vault' }] });
    }
    const overridden = await world.call('owner', 'import.dryRun', { importId: id, mapping, choice: 'skip', overrides: [{ row: 2, choice: 'merge' }], rememberMapping: true });
    expect(overridden.rows[0]).toMatchObject({ action: 'merge' });
    // Same name and company (legal suffix aside), another phone: a new customer with a warning.
    expect(overridden.rows[1]).toMatchObject({ row: 4, action: 'new', warnings: [{ code: 'possible_duplicate' }] });
    expect(await world.refused('owner', 'import.dryRun', { importId: id, mapping: letters(['name', 'name']), choice: 'skip', rememberMapping: false })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await world.refused('owner', 'import.dryRun', { importId: id, mapping: [{ letter: 'B', target: 'mobile' }], choice: 'skip', rememberMapping: false })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await world.refused('owner', 'import.dryRun', { importId: id, mapping: [{ letter: 'Q', target: 'name' }], choice: 'skip', rememberMapping: false })).toMatchObject({ code: 'INVALID_INPUT' });
    // The remembered mapping comes back for a file with the same headers.
    const again = await world.open('owner', table(['姓名', '手机', '公司'], rows));
    const preview = await world.call('owner', 'import.preview', { importId: again });
    expect(preview).toMatchObject({ rememberedMapping: true, columns: [{ letter: 'A', suggested: 'name' }, { letter: 'B', suggested: 'mobile' }, { letter: 'C', suggested: 'company' }] });
    world.core.close();
  });

  it("sales import into their own book: another owner's customer is duplicate_out_of_scope (never named) and the probe is audited", async () => {
    const world = await importWorld();
    const owner = world.core.sessions.current('owner')!;
    const theirs = world.core.customers.create(owner, { name: '别人的客户', mobile: '13500135000' });
    const id = await world.open('sales', table(['姓名', '手机'], [['试探', '13500135000']]));
    const result = await world.call('sales', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile']), choice: 'overwrite', rememberMapping: false });
    expect(result.rows).toEqual([{ row: 2, action: 'error', name: '试探', errors: [{ code: 'duplicate_out_of_scope' }], warnings: [], match: null }]);
    expect(JSON.stringify(result)).not.toContain('别人的客户');
    expect(world.audit('customer.probe')).toEqual([expect.objectContaining({ username: 'sales1', outcome: 'denied', customerIds: theirs.id.toString(36) })]);
    // Support and auditors may not import at all.
    for (const role of ['support', 'auditor'] as const) expect(await world.refused(role, 'import.open', {})).toMatchObject({ code: 'FORBIDDEN' });
    world.core.close();
  });

  it('field policy: sales may not change a masked field of an existing customer, managers not the ID number', async () => {
    const world = await importWorld();
    const owner = world.core.sessions.current('owner')!;
    world.core.customerFields.set(owner, true, true);
    const sales = world.core.sessions.current('sales')!;
    const mine = world.core.customers.create(sales, { name: '我的客户', mobile: '13400134000' });
    const id = await world.open('sales', table(['姓名', '手机', '邮箱', '公司'], [['我的客户', '13400134000', 'new@example.com', '新公司']]));
    const result = await world.call('sales', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile', 'email', 'company']), choice: 'updateEmpty', rememberMapping: false });
    expect(result.rows[0]).toMatchObject({ action: 'error', match: { id: mine.id }, errors: [{ code: 'no_permission', column: 'C' }] });
    const companyOnly = await world.call('sales', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile', 'ignore', 'company']), choice: 'updateEmpty', rememberMapping: false });
    expect(companyOnly.rows[0]).toMatchObject({ action: 'update', errors: [] });

    const managed = world.core.customers.create(owner, { name: '经理看', mobile: '13300133000' });
    const mid = await world.open('manager', table(['姓名', '手机', '身份证'], [['经理看', '13300133000', '11010519491231002X'], ['新的', '13300133001', '11010519491231002X']]));
    const managerRun = await world.call('manager', 'import.dryRun', { importId: mid, mapping: letters(['name', 'mobile', 'idNumber']), choice: 'overwrite', rememberMapping: false });
    expect(managerRun.rows[0]).toMatchObject({ row: 2, action: 'error', match: { id: managed.id }, errors: [{ code: 'no_permission', column: 'C' }] });
    expect(managerRun.counts).toMatchObject({ new: 1, error: 1 });
    world.core.close();
  });
});
