import { expect, it } from 'vitest';
import { findCustomer, tagsOf } from '../../electron/core/customers/customer-repository';
import { describeKeychain } from '../support/keyring';
import { finished, importWorld, letters, table, type ImportWorld } from './import-helpers';

const live = (world: ImportWorld) => (world.core.vault.db().prepare('SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL').get() as { n: number }).n;
const many = (n: number, from = 0) => Array.from({ length: n }, (_, i) => [`客户${from + i}`, `1390000${String(from + i).padStart(4, '0')}`, 'tag1']);

describeKeychain('import commit, progress, cancel, repeat and undo', () => {
  it('commits exactly the plan in audited batches of 500, with progress going up; a repeat of the same file needs confirming', async () => {
    const world = await importWorld();
    const owner = world.core.sessions.current('owner')!;
    const old = world.core.customers.create(owner, { name: '老客户', mobile: '13900009999', company: '旧公司', tags: ['old'] });
    const rows = [...many(1200), ['老客户', '13900009999', 'new'], ['', '13900008888', '']];
    const parsed = table(['姓名', '手机', '标签'], rows);
    const id = await world.open('owner', parsed);
    const plan = await world.call('owner', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile', 'tags']), choice: 'merge', rememberMapping: false });
    expect(plan.counts).toMatchObject({ new: 1200, merge: 1, error: 1 });
    const before = live(world);
    const { batchId } = await world.call('owner', 'import.commit', { importId: id, confirmRepeat: false });
    const seen: number[] = [];
    for (;;) {
      const progress = await world.call('owner', 'import.progress', { importId: id });
      seen.push(progress.done);
      if (progress.state !== 'running') {
        expect(progress).toMatchObject({ state: 'done', done: 1201, total: 1201, batchId, counts: { new: 1200, merge: 1, error: 1 } });
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(live(world)).toBe(before + 1200);
    const db = world.core.vault.db();
    expect(tagsOf(db, [old.id]).get(old.id)).toEqual(['new', 'old']);
    expect(db.prepare('SELECT count(*) AS n FROM import_effects WHERE batch_id = ?').get(batchId)).toEqual({ n: 1201 });
    // One audit row per transaction of 500 (3) plus the final one, after the dry run's.
    const audit = world.audit('customer.import').map((a) => a.reason ?? '');
    expect(audit.filter((r) => r.startsWith(`batch=${batchId} rows=`))).toEqual([`batch=${batchId} rows=500`, `batch=${batchId} rows=500`, `batch=${batchId} rows=201`]);
    expect(audit.at(-1)).toMatch(new RegExp(`^batch=${batchId} complete new=1200 update=0 merge=1 skip=0 error=1 sha256=[0-9a-f]{64}$`));
    expect(audit.join(' ')).not.toMatch(/客户|1390000/);
    const history = await world.call('owner', 'import.history', {});
    expect(history[0]).toMatchObject({ batchId, by: 'anna', state: 'complete', counts: { new: 1200, merge: 1 } });
    expect(history[0]!.undoUntil).not.toBeNull();

    // The same file again: the preview says when and by whom, and the commit needs confirming.
    const again = await world.open('owner', parsed);
    const preview = await world.call('owner', 'import.preview', { importId: again });
    expect(preview.importedBefore).toMatchObject({ by: 'anna' });
    await world.call('owner', 'import.dryRun', { importId: again, mapping: letters(['name', 'mobile', 'tags']), choice: 'skip', rememberMapping: false });
    expect(await world.refused('owner', 'import.commit', { importId: again, confirmRepeat: false })).toMatchObject({ code: 'CONFLICT' });
    await world.call('owner', 'import.commit', { importId: again, confirmRepeat: true });
    expect(await finished(world, 'owner', again)).toMatchObject({ state: 'done', counts: { new: 0, skip: 1201 } });
    expect(live(world)).toBe(before + 1200);
    world.core.close();
  });

  it('cancel stops between two transactions: what was committed stays, whole, and can be undone', async () => {
    const world = await importWorld();
    const id = await world.open('sales', table(['姓名', '手机'], many(1500)));
    await world.call('sales', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile']), choice: 'skip', rememberMapping: false });
    const before = live(world);
    const { batchId } = await world.call('sales', 'import.commit', { importId: id, confirmRepeat: false });
    expect(await world.call('sales', 'import.cancel', { importId: id })).toEqual({ cancelled: true });
    const progress = await finished(world, 'sales', id);
    expect(progress.state).toBe('cancelled');
    const added = live(world) - before;
    expect(added % 500).toBe(0);
    expect(added).toBeLessThan(1500);
    expect(progress.done).toBe(added);
    const db = world.core.vault.db();
    // New customers are the importer's own.
    expect(db.prepare('SELECT count(*) AS n FROM customers WHERE owner_id = ? AND deleted_at IS NULL').get(world.userIds.sales)).toEqual({ n: added + 1 });
    expect(await world.call('sales', 'import.history', {})).toEqual([expect.objectContaining({ batchId, state: 'cancelled' })]);
    expect(await world.call('owner', 'import.history', {})).toHaveLength(1);
    expect(await world.call('manager', 'import.history', {})).toHaveLength(1);
    expect(await world.call('sales', 'import.undo', { batchId, force: false })).toEqual({ status: 'undone', removed: added, restored: 0, kept: [] });
    expect(live(world)).toBe(before);
    world.core.close();
  });

  it('undo removes created customers, restores updated ones, and a customer edited since blocks unless forced', async () => {
    const world = await importWorld();
    const owner = world.core.sessions.current('owner')!;
    const a = world.core.customers.create(owner, { name: '甲', mobile: '13100131000', company: '甲公司', tags: ['x'] });
    const b = world.core.customers.create(owner, { name: '乙', mobile: '13100131001', notes: '原备注' });
    const id = await world.open('owner', table(['姓名', '手机', '公司', '标签', '备注'], [
      ['甲', '13100131000', '新甲公司', 'y', ''],
      ['乙', '13100131001', '乙公司', '', '文件备注'],
      ['丙', '13100131002', '丙公司', '', ''],
    ]));
    await world.call('owner', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile', 'company', 'tags', 'notes']), choice: 'overwrite', rememberMapping: false });
    const { batchId } = await world.call('owner', 'import.commit', { importId: id, confirmRepeat: false });
    await finished(world, 'owner', id);
    const db = world.core.vault.db();
    expect(findCustomer(db, a.id)).toMatchObject({ company: '新甲公司' });
    expect(tagsOf(db, [a.id]).get(a.id)).toEqual(['y']);
    expect(findCustomer(db, b.id)).toMatchObject({ company: '乙公司', notes: '文件备注' });
    const created = (db.prepare("SELECT customer_id AS id FROM import_effects WHERE batch_id = ? AND action = 'new'").get(batchId) as { id: number }).id;

    // Someone edits 乙 after the import.
    await new Promise((resolve) => setTimeout(resolve, 5));
    world.core.customers.update(owner, b.id, { city: '杭州' });
    expect(await world.call('owner', 'import.undo', { batchId, force: false })).toEqual({ status: 'blocked', editedSince: [{ id: b.id, name: '乙' }] });
    expect(findCustomer(db, a.id)).toMatchObject({ company: '新甲公司' }); // nothing changed
    // Another sales user may not undo the owner's batch, nor see it.
    expect(await world.refused('sales', 'import.undo', { batchId, force: true })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await world.call('sales', 'import.history', {})).toEqual([]);

    expect(await world.call('owner', 'import.undo', { batchId, force: true })).toEqual({ status: 'undone', removed: 1, restored: 1, kept: [{ id: b.id, name: '乙' }] });
    expect(findCustomer(db, a.id)).toMatchObject({ company: '甲公司' });
    expect(tagsOf(db, [a.id]).get(a.id)).toEqual(['x']);
    expect(findCustomer(db, b.id)).toMatchObject({ company: '乙公司', city: '杭州', notes: '文件备注' });
    expect(findCustomer(db, created)).toBeUndefined();
    expect(world.audit('customer.importUndo')).toEqual([expect.objectContaining({ username: 'anna', reason: `batch=${batchId} removed=1 restored=1 kept=1` })]);
    expect(await world.refused('owner', 'import.undo', { batchId, force: true })).toMatchObject({ code: 'CONFLICT' });
    expect((await world.call('owner', 'import.history', {}))[0]).toMatchObject({ state: 'undone', undoUntil: null });
    world.core.close();
  });

  it('undo is offered for 30 days', async () => {
    let clock = Date.parse('2026-12-01T08:00:00Z');
    const world = await importWorld({ now: () => clock });
    const id = await world.open('owner', table(['姓名'], [['己']]));
    await world.call('owner', 'import.dryRun', { importId: id, mapping: letters(['name']), choice: 'skip', rememberMapping: false });
    const { batchId } = await world.call('owner', 'import.commit', { importId: id, confirmRepeat: false });
    await finished(world, 'owner', id);
    expect((await world.call('owner', 'import.history', {}))[0]).toMatchObject({ undoUntil: '2026-12-31T08:00:00.000Z' });
    clock += 31 * 24 * 60 * 60 * 1000;
    // The service directly: a month later the router would first lock the idle session.
    const owner = world.core.sessions.current('owner')!;
    expect(() => world.core.imports.undo(owner, { batchId, force: true })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(world.core.imports.history(owner)[0]).toMatchObject({ state: 'complete', undoUntil: null });
    world.core.close();
  });

  it('updateEmpty fills only empty fields; merge keeps differing values in the notes', async () => {
    const world = await importWorld();
    const owner = world.core.sessions.current('owner')!;
    const c = world.core.customers.create(owner, { name: '丁', mobile: '13200132000', company: '丁公司' });
    const d = world.core.customers.create(owner, { name: '戊', mobile: '13200132001', company: '戊公司' });
    const id = await world.open('owner', table(['姓名', '手机', '公司', '城市'], [['丁', '13200132000', '别的公司', '南京'], ['戊', '13200132001', '另一家', '苏州']]));
    await world.call('owner', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile', 'company', 'city']), choice: 'updateEmpty', overrides: [{ row: 3, choice: 'merge' }], rememberMapping: false });
    await world.call('owner', 'import.commit', { importId: id, confirmRepeat: false });
    expect(await finished(world, 'owner', id)).toMatchObject({ state: 'done', counts: { update: 1, merge: 1 } });
    const db = world.core.vault.db();
    expect(findCustomer(db, c.id)).toMatchObject({ company: '丁公司', city: '南京', notes: null });
    expect(findCustomer(db, d.id)).toMatchObject({ company: '戊公司', city: '苏州', notes: '公司: 另一家' });
    world.core.close();
  });
});
