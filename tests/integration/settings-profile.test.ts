import { expect, it } from 'vitest';
import { decodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { accessWorld, type AccessWorld } from './access-helpers';

type Lists = ChannelOutput<'settings.lists'>;
const lastAuditId = (w: AccessWorld) => (w.core.vault.db().prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
const auditSince = (w: AccessWorld, since: number) =>
  (w.core.vault.db().prepare('SELECT username, action, outcome, fields, reason, customer_ids AS customerIds FROM audit_log WHERE id > ? ORDER BY id').all(since) as { username: string; action: string; outcome: string; fields: string | null; reason: string | null; customerIds: string | null }[]).map(
    ({ customerIds, ...row }) => ({ ...row, customerIds: decodeCustomerIds(customerIds) }),
  );
const tagsOf = (w: AccessWorld, id: number) => (w.core.vault.db().prepare('SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag').all(id) as { tag: string }[]).map((r) => r.tag);
const regionOf = (w: AccessWorld, id: number) => (w.core.vault.db().prepare('SELECT region FROM customers WHERE id = ?').get(id) as { region: string | null }).region;

describeKeychain('Settings: the shop profile and the managed lists through the router', () => {
  it('every signed-in role reads the profile; only settings.manage sets it, validated and audited without the name', async () => {
    const w = await accessWorld({ fastDisk: true });
    for (const role of ['owner', 'manager', 'sales', 'support', 'auditor'] as const) {
      expect(await w.router.dispatch(w.caller(role), 'settings.shopProfile', {})).toEqual({ ok: true, value: { name: '', currency: 'CNY' } });
    }
    const since = lastAuditId(w);
    const set = await w.router.dispatch(w.caller('owner'), 'settings.setShopProfile', { name: '  茶香小铺  ', currency: 'HKD' });
    expect(set).toEqual({ ok: true, value: { name: '茶香小铺', currency: 'HKD' } });
    expect(await w.router.dispatch(w.caller('sales'), 'settings.shopProfile', {})).toEqual({ ok: true, value: { name: '茶香小铺', currency: 'HKD' } });
    const rows = auditSince(w, since);
    expect(rows).toEqual([{ username: 'anna', action: 'settings.change', outcome: 'ok', fields: JSON.stringify(['shopName', 'currency']), reason: 'currency HKD', customerIds: [] }]);
    expect(JSON.stringify(rows)).not.toContain('茶香');

    // Validation: a name of 1 to 60 characters, a currency from the list.
    for (const bad of [{ name: '', currency: 'CNY' }, { name: '   ', currency: 'CNY' }, { name: 'x'.repeat(61), currency: 'CNY' }, { name: 'Shop', currency: 'XYZ' }, { name: 'Shop', currency: 'cny' }]) {
      expect(await w.router.dispatch(w.caller('owner'), 'settings.setShopProfile', bad as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await w.router.dispatch(w.caller('owner'), 'settings.setShopProfile', { name: 'x'.repeat(60), currency: 'USD' })).toMatchObject({ ok: true });
    for (const role of ['manager', 'sales', 'support', 'auditor'] as const) {
      expect(await w.router.dispatch(w.caller(role), 'settings.setShopProfile', { name: 'Mine now', currency: 'EUR' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(w.core.vault.db().prepare('SELECT name, currency FROM shop_profile').get()).toEqual({ name: 'x'.repeat(60), currency: 'USD' });
  });

  it('renaming a tag or region rewrites every customer that has it in one audited change; sales may read the lists but not edit them', async () => {
    const w = await accessWorld({ fastDisk: true });
    const m = w.caller('manager');
    for (const row of [
      { name: 'Ada', region: '华南', tags: ['wholesale', 'tea'] },
      { name: 'Bo', region: '华南', tags: ['tea'] },
      { name: 'Cy', region: '华东', tags: ['wholesale'] },
    ]) {
      expect(await w.router.dispatch(m, 'customers.create', row)).toMatchObject({ ok: true });
    }
    const o = w.caller('owner');
    await w.router.dispatch(o, 'settings.editList', { list: 'tag', op: 'add', value: 'wholesale' });
    await w.router.dispatch(o, 'settings.editList', { list: 'tag', op: 'add', value: 'tea' });
    await w.router.dispatch(o, 'settings.editList', { list: 'region', op: 'add', value: '华南' });

    const since = lastAuditId(w);
    const renamed = await w.router.dispatch(o, 'settings.editList', { list: 'tag', op: 'rename', from: 'wholesale', to: '批发' });
    expect(renamed).toMatchObject({ ok: true, value: { customersChanged: 2 } });
    expect((renamed as { value: { lists: Lists } }).value.lists.tags).toEqual(['批发', 'tea']);
    expect(tagsOf(w, 4)).toEqual(['tea', '批发']);
    expect(tagsOf(w, 6)).toEqual(['批发']);
    expect(w.core.vault.db().prepare("SELECT count(*) AS n FROM customer_tags WHERE tag = 'wholesale'").get()).toEqual({ n: 0 });
    expect(auditSince(w, since)).toEqual([{ username: 'anna', action: 'settings.list.rename', outcome: 'ok', fields: JSON.stringify(['tags']), reason: '2 customers', customerIds: [4, 6] }]);

    // A region rename moves exactly the customers in it.
    const regionSince = lastAuditId(w);
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'region', op: 'rename', from: '华南', to: '广东' })).toMatchObject({ ok: true, value: { customersChanged: 2 } });
    expect([regionOf(w, 4), regionOf(w, 5), regionOf(w, 6)]).toEqual(['广东', '广东', '华东']);
    expect(auditSince(w, regionSince)).toMatchObject([{ action: 'settings.list.rename', fields: JSON.stringify(['region']), customerIds: [4, 5] }]);

    // A rename onto a tag a customer already has keeps one copy of it; onto a listed name is refused.
    await w.router.dispatch(o, 'settings.editList', { list: 'tag', op: 'add', value: 'TEA leaf' });
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'tag', op: 'rename', from: 'TEA leaf', to: 'Tea' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'tag', op: 'add', value: 'TEA' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Sales read the lists (the form and the filters) but change nothing, and the refusal is on record.
    const s = w.caller('sales');
    expect(await w.router.dispatch(s, 'settings.lists', {})).toMatchObject({ ok: true, value: { tags: ['批发', 'tea', 'TEA leaf'], regions: ['广东'] } });
    const refusedSince = lastAuditId(w);
    expect(await w.router.dispatch(s, 'settings.editList', { list: 'tag', op: 'rename', from: '批发', to: 'mine' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(auditSince(w, refusedSince)).toMatchObject([{ username: 'sales1', action: 'ipc.rejected', outcome: 'denied' }]);
    expect(tagsOf(w, 4)).toEqual(['tea', '批发']);
    // The auditor reads no customers, so not the lists either.
    expect(await w.router.dispatch(w.caller('auditor'), 'settings.lists', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('removing a tag only stops offering it; a name longer than the field is refused (levels: managed-levels.test.ts)', async () => {
    const w = await accessWorld({ fastDisk: true });
    const o = w.caller('owner');
    // Removing a tag only stops offering it: the customer keeps it.
    await w.router.dispatch(o, 'settings.editList', { list: 'tag', op: 'add', value: 'vip' });
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'tag', op: 'remove', value: 'vip' })).toMatchObject({ ok: true, value: { customersChanged: 0, lists: { tags: [] } } });
    expect(tagsOf(w, 1)).toEqual(['vip']);
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'tag', op: 'add', value: 'x'.repeat(41) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
