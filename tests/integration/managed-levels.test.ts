import { expect, it } from 'vitest';
import { decodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { accessWorld, type AccessWorld } from './access-helpers';

type Lists = ChannelOutput<'settings.lists'>;
type Edited = { ok: true; value: { lists: Lists; customersChanged: number } };
const lastAuditId = (w: AccessWorld) => (w.core.vault.db().prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
const auditSince = (w: AccessWorld, since: number) =>
  (w.core.vault.db().prepare('SELECT username, action, outcome, fields, reason, customer_ids AS customerIds FROM audit_log WHERE id > ? ORDER BY id').all(since) as { username: string; action: string; outcome: string; fields: string | null; reason: string | null; customerIds: string | null }[]).map(
    ({ customerIds, ...row }) => ({ ...row, customerIds: decodeCustomerIds(customerIds) }),
  );
const levelsOf = (w: AccessWorld) => w.core.vault.db().prepare('SELECT id, level FROM customers ORDER BY id').all() as { id: number; level: string }[];

describeKeychain('Levels: a list the owner manages, through the router', () => {
  it('add, rename, reorder and use a level; an unknown level is refused with nothing changed', async () => {
    const w = await accessWorld({ fastDisk: true });
    const o = w.caller('owner');

    // Added: a generated key, never the name, so a later rename touches no customer.
    const added = (await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'add', value: '金牌会员' })) as Edited;
    expect(added).toMatchObject({ ok: true, value: { customersChanged: 0 } });
    const gold = added.value.lists.levels.at(-1)!;
    expect(gold.label).toBe('金牌会员');
    expect(gold.value).toMatch(/^lv_[0-9a-f]{8}$/);
    expect(added.value.lists.levels.map((l) => l.value)).toEqual(['vip', 'regular', 'prospect', gold.value]);
    // A name another level already shows, in either language, would make two levels look alike.
    for (const taken of ['金牌会员', 'vip', '普通', 'Prospect']) {
      expect(await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'add', value: taken })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'rename', from: 'vip', to: '金牌会员' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Used on a customer (by the sales person who owns it), shown by its key, filtered by it.
    const s = w.caller('sales');
    expect(await w.router.dispatch(s, 'customers.update', { id: 1, changes: { level: gold.value } })).toMatchObject({ ok: true, value: { level: gold.value } });
    const created = await w.router.dispatch(o, 'customers.create', { name: 'Gold Co', level: gold.value });
    expect(created).toMatchObject({ ok: true, value: { level: gold.value } });
    const filtered = await w.router.dispatch(o, 'customers.list', { filters: { level: gold.value } });
    expect(filtered).toMatchObject({ ok: true, value: { total: 2 } });

    // Renamed: only the label changes; the customers keep the key.
    const before = levelsOf(w);
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'rename', from: gold.value, to: 'Gold' })).toMatchObject({ ok: true, value: { customersChanged: 0 } });
    expect(levelsOf(w)).toEqual(before);

    // Reordered: the owner's order is what the list sorts by (not the keys' alphabet), on every page.
    await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'order', values: ['prospect', gold.value, 'vip', 'regular'] });
    await w.router.dispatch(o, 'customers.create', { name: 'Maybe Ltd', level: 'prospect' });
    await w.router.dispatch(o, 'customers.create', { name: 'Big Spender', level: 'vip' });
    const ordered: string[] = [];
    let after: { value: string; id: number } | undefined;
    for (let page = 0; page < 10; page += 1) {
      const answer = (await w.router.dispatch(o, 'customers.list', { sort: 'level', limit: 2, ...(after ? { after } : {}) })) as { ok: true; value: ChannelOutput<'customers.list'> };
      ordered.push(...answer.value.items.map((c) => c.level));
      if (!answer.value.next) break;
      after = answer.value.next;
    }
    expect(ordered).toEqual(['prospect', gold.value, gold.value, 'vip', 'regular', 'regular']);
    const byOffset = (await w.router.dispatch(o, 'customers.list', { sort: 'level', dir: 'desc', offset: 0, limit: 10 })) as { ok: true; value: ChannelOutput<'customers.list'> };
    expect(byOffset.value.items.map((c) => c.level)).toEqual(['regular', 'regular', 'vip', gold.value, gold.value, 'prospect']);

    // An unknown level: a typed refusal on the field, and nothing changes (no row, no audit row).
    const since = lastAuditId(w);
    const count = levelsOf(w).length;
    for (const [channel, input] of [
      ['customers.create', { name: 'Nobody', level: 'platinum' }],
      ['customers.create', { name: 'Nobody', level: '金牌会员' }], // a retired or old name is not a key
      ['customers.update', { id: 2, changes: { level: 'platinum' } }],
      ['customers.update', { id: 2, changes: { company: 'Changed', level: 'lv_00000000' } }],
    ] as const) {
      expect(await w.router.dispatch(o, channel, input as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { level: 'unknown_level' } } });
    }
    expect(levelsOf(w).length).toBe(count);
    expect(w.core.vault.db().prepare('SELECT level, company FROM customers WHERE id = 2').get()).toEqual({ level: 'regular', company: null });
    expect(auditSince(w, since).filter((r) => r.action.startsWith('customer.'))).toEqual([]);
  });

  it('retiring a level in use asks where its customers go, moves them in the same audited change; the last level stays', async () => {
    const w = await accessWorld({ fastDisk: true });
    const o = w.caller('owner');
    const db = w.core.vault.db();
    // Customers 1 and 2 are VIP; 3 is in the recycle bin with VIP (a restore must not bring back a retired level).
    await w.router.dispatch(o, 'customers.update', { id: 2, changes: { level: 'vip' } });
    db.prepare("UPDATE customers SET level = 'vip' WHERE id IN (1, 3)").run();
    await w.router.dispatch(o, 'customers.delete', { id: 3 });

    // No destination: refused, nothing moved, the level still listed.
    const since = lastAuditId(w);
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'remove', value: 'vip' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { moveTo: 'required' } } });
    for (const moveTo of ['vip', 'platinum', 'VIP']) {
      expect(await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'remove', value: 'vip', moveTo })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { moveTo: 'unknown_level' } } });
    }
    expect(levelsOf(w)).toEqual([{ id: 1, level: 'vip' }, { id: 2, level: 'vip' }, { id: 3, level: 'vip' }]);
    expect(auditSince(w, since).filter((r) => r.action.startsWith('settings.'))).toEqual([]);
    // Sales may not retire a level.
    expect(await w.router.dispatch(w.caller('sales'), 'settings.editList', { list: 'level', op: 'remove', value: 'vip', moveTo: 'regular' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // With a destination: moved and retired together, one audit row naming the moved customers.
    const moveSince = lastAuditId(w);
    const retired = (await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'remove', value: 'vip', moveTo: 'prospect' })) as Edited;
    expect(retired).toMatchObject({ ok: true, value: { customersChanged: 3 } });
    expect(retired.value.lists.levels.map((l) => l.value)).toEqual(['regular', 'prospect']);
    expect(levelsOf(w)).toEqual([{ id: 1, level: 'prospect' }, { id: 2, level: 'prospect' }, { id: 3, level: 'prospect' }]);
    expect(auditSince(w, moveSince)).toEqual([
      { username: 'anna', action: 'settings.list.move', outcome: 'ok', fields: JSON.stringify(['level']), reason: '3 customers: vip -> prospect, level retired', customerIds: [1, 2, 3] },
    ]);
    // The retired key is now unknown to every write.
    expect(await w.router.dispatch(o, 'customers.update', { id: 2, changes: { level: 'vip' } })).toMatchObject({ ok: false, error: { fields: { level: 'unknown_level' } } });

    // A level nobody has goes without a question; Regular retired, a new customer gets the owner's first level.
    const unusedSince = lastAuditId(w);
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'remove', value: 'regular' })).toMatchObject({ ok: true, value: { customersChanged: 0 } });
    expect(auditSince(w, unusedSince)).toMatchObject([{ action: 'settings.change', fields: JSON.stringify(['lists.level']), reason: 'remove', customerIds: [] }]);
    expect(await w.router.dispatch(o, 'customers.create', { name: 'Default Level' })).toMatchObject({ ok: true, value: { level: 'prospect' } });

    // The last level cannot go: every customer needs one.
    expect(await w.router.dispatch(o, 'settings.editList', { list: 'level', op: 'remove', value: 'prospect', moveTo: 'prospect' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { value: 'last_level' } } });
    expect((await w.router.dispatch(o, 'settings.lists', {})) as { value: Lists }).toMatchObject({ value: { levels: [{ value: 'prospect', label: null }] } });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
