import { NO_APPROVAL } from '../../electron/core/approvals/approval-gate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { appendAudit } from '../../electron/core/audit/audit-log';
import { decodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import { createCustomerExport } from '../../electron/core/export/customer-export';
import { canRevealField, fieldVisibility } from '../../shared/field-policy';
import { maskField } from '../../shared/masking';
import { tempDir } from '../support/tmp';
import type { Role } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string } };

describeKeychain('the customers list through the router: counts, filter values, bulk on all that match', () => {
  async function world() {
    const w = await accessWorld();
    const manager = w.core.sessions.current('manager')!;
    const sales = w.core.sessions.current('sales')!;
    // accessWorld: 王伟 (sales, tag vip), Owner Customer, To Delete (owner).
    for (let i = 0; i < 30; i += 1) w.core.customers.create(manager, { name: `Shop ${String(i).padStart(2, '0')}`, region: i % 3 === 0 ? '华东' : '华南', level: i % 2 === 0 ? 'vip' : 'regular' });
    for (const name of ['白雪', '陈', 'Zoe']) w.core.customers.create(sales, { name, region: name === '白雪' ? '华北' : '西北', tags: ['mine'] });
    const call = (role: Role, channel: string, input: unknown) => w.router.dispatch(w.caller(role), channel as never, input as never) as Promise<Result>;
    const value = async <T>(promise: Promise<Result>): Promise<T> => {
      const result = await promise;
      if (!result.ok) throw new Error(`refused: ${result.error.code}`);
      return result.value as T;
    };
    const lastAudit = (action: string) =>
      w.core.vault.db().prepare('SELECT outcome, reason, user_id AS userId, customer_ids AS ids FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1').get(action) as { outcome: string; reason: string; userId: number; ids: string | null };
    return { ...w, call, value, lastAudit };
  }
  // One vault for the whole file (setting one up with five signed-in roles takes seconds on a
  // loaded machine); the cases run in order and each says what it leaves behind.
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  }, 120_000);
  afterAll(() => w.core.close());
  type Page = { items: { id: number; name: string }[]; total: number | null; next: unknown };

  it('counts the whole filtered list in main, on the first page and on pages by position; the search says when it is capped', async () => {
    const first = await w.value<Page>(w.call('manager', 'customers.list', { limit: 10 }));
    expect(first.total).toBe(36);
    expect(first.items).toHaveLength(10);
    const filtered = await w.value<Page>(w.call('manager', 'customers.list', { filters: { region: '华东' }, limit: 5 }));
    expect(filtered.total).toBe(10);
    // The end of the list by position, as the table asks when the scroll bar is dragged there.
    const end = await w.value<Page>(w.call('manager', 'customers.list', { limit: 10, offset: 30 }));
    expect(end.total).toBe(36);
    expect(end.items).toHaveLength(6);
    expect(end.items[end.items.length - 1]!.name).toBe('Zoe');
    expect(end.next).toBeNull();
    // Position and cursor at once is a confused call.
    expect(await w.call('manager', 'customers.list', { offset: 1, after: { value: 'a', id: 1 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Sales: their own book only, counted as such.
    expect((await w.value<Page>(w.call('sales', 'customers.list', { limit: 50 }))).total).toBe(4);
    // One more than the list shows tells "200+" from exactly 200.
    const shops = await w.value<unknown[]>(w.call('manager', 'customers.search', { query: 'Shop', limit: 201 }));
    expect(shops).toHaveLength(30);
  });

  it('offers the filter values that exist, owners by display name, within the role’s scope', async () => {
    type Values = { levels: { value: string; count: number }[]; regions: { value: string; count: number }[]; tags: { value: string; count: number }[]; owners: { username: string; displayName: string; count: number }[] };
    const manager = await w.value<Values>(w.call('manager', 'customers.filterValues', {}));
    // By pinyin (hua bei, hua dong, hua nan, xi bei), not by code point (东 before 北).
    expect(manager.regions).toEqual([
      { value: '华北', count: 1 },
      { value: '华东', count: 10 },
      { value: '华南', count: 20 },
      { value: '西北', count: 2 },
    ]);
    expect(manager.owners).toEqual(
      expect.arrayContaining([
        { username: 'manager1', displayName: 'manager one', count: 30 },
        { username: 'sales1', displayName: 'sales one', count: 4 },
      ]),
    );
    expect(manager.tags).toEqual(expect.arrayContaining([{ value: 'mine', count: 3 }]));
    expect(manager.levels).toEqual(expect.arrayContaining([{ value: 'vip', count: 15 }]));
    const sales = await w.value<Values>(w.call('sales', 'customers.filterValues', {}));
    expect(sales.regions).toEqual([
      { value: '华北', count: 1 },
      { value: '西北', count: 2 },
    ]);
    expect(sales.owners).toEqual([{ username: 'sales1', displayName: 'sales one', count: 4 }]);
    expect(sales.tags.map((t) => t.value).sort()).toEqual(['mine', 'vip']);
    expect(await w.call('auditor', 'customers.filterValues', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('tags every customer the filter matches in one audited call, and refuses a selection that changed', async () => {
    expect(await w.call('manager', 'customers.tagMatching', { filters: { region: '华东' }, expectCount: 9, add: ['spring'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(w.lastAudit('customer.tag')).toMatchObject({ outcome: 'rejected' });
    expect(await w.value(w.call('manager', 'customers.tagMatching', { filters: { region: '华东' }, expectCount: 10, add: ['spring'] }))).toEqual({ changed: 10 });
    const audit = w.lastAudit('customer.tag');
    expect(audit).toMatchObject({ outcome: 'ok', userId: w.userIds.manager, reason: 'bulk by filter: 10 of 10 changed' });
    expect(decodeCustomerIds(audit.ids)).toHaveLength(10);
    const tagged = await w.value<Page>(w.call('manager', 'customers.list', { filters: { tag: 'spring' }, limit: 50 }));
    expect(tagged.total).toBe(10);
    // Again: nothing left to change, still one audit row saying so.
    expect(await w.value(w.call('manager', 'customers.tagMatching', { filters: { tag: 'spring' }, expectCount: 10, add: ['spring'] }))).toEqual({ changed: 0 });
  });

  it('a salesperson’s filter reaches only their own book; support may not bulk-change at all', async () => {
    // "All" for sales is their 4 customers, never the other 32.
    expect(await w.value(w.call('sales', 'customers.tagMatching', { filters: {}, expectCount: 4, add: ['mine2'] }))).toEqual({ changed: 4 });
    expect(await w.call('sales', 'customers.tagMatching', { filters: {}, expectCount: 36, add: ['x'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const others = await w.value<Page>(w.call('manager', 'customers.list', { filters: { tag: 'mine2' }, limit: 50 }));
    expect(others.total).toBe(4);
    expect(await w.call('support', 'customers.tagMatching', { filters: {}, expectCount: 36, add: ['x'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.call('support', 'customers.deleteMatching', { filters: {}, expectCount: 36 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('an export pages by the same pinyin key: every customer once, in list order, across small batches', async () => {
    const file = path.join(tempDir(), 'export');
    const exporter = createCustomerExport({ db: () => w.core.vault.db(), audit: appendAudit, policy: { visibility: fieldVisibility, canReveal: canRevealField, mask: maskField }, pickSaveFile: async () => file, batch: 4 });
    await exporter.export(w.core.sessions.current('owner')!, { format: 'csv', columns: ['name'] }, NO_APPROVAL);
    const names = fs.readFileSync(file).subarray(3).toString('utf8').split('\r\n').filter(Boolean).slice(1);
    const listed = await w.value<Page>(w.call('manager', 'customers.list', { limit: 200 }));
    expect(names).toEqual(listed.items.map((c) => c.name));
    expect(names).toHaveLength(36);
  });

  it('deletes everything a filter matches to the recycle bin, audited with the ids, restorable', async () => {
    expect(await w.value(w.call('sales', 'customers.deleteMatching', { filters: { region: '西北' }, expectCount: 2 }))).toEqual({ deleted: 2 });
    const audit = w.lastAudit('customer.delete');
    expect(audit).toMatchObject({ outcome: 'ok', userId: w.userIds.sales, reason: 'bulk by filter: 2 to the recycle bin' });
    const ids = decodeCustomerIds(audit.ids);
    expect(ids).toHaveLength(2);
    expect((await w.value<Page>(w.call('sales', 'customers.list', { limit: 50 }))).total).toBe(2);
    const bin = await w.value<{ id: number }[]>(w.call('sales', 'customers.deleted', {}));
    expect(bin.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(await w.value(w.call('sales', 'customers.restore', { id: ids[0] }))).toEqual({ restored: true });
    // Nothing of anyone else's went.
    expect((await w.value<Page>(w.call('manager', 'customers.list', { limit: 1 }))).total).toBe(35);
  });
});
