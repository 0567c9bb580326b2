import { expect, it } from 'vitest';
import type { CustomerView } from '../../shared/customers';
import { describeKeychain } from '../support/keyring';
import { MARKERS, PASSWORD, accessWorld, type AccessWorld } from './access-helpers';

type Lookup = { match: string; items: CustomerView[] };
type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; fields?: Record<string, string> } };

function ok<T>(result: Result): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value as T;
}

function auditRows(w: AccessWorld, action: string) {
  return w.core.vault.db().prepare('SELECT username, outcome, fields, reason, record_id AS recordId, customer_ids AS customerIds FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    username: string;
    outcome: string;
    fields: string | null;
    reason: string | null;
    recordId: string | null;
    customerIds: string | null;
  }[];
}

// Each test builds a vault with five signed-in users: minutes, not seconds, on a shared 2-core machine.
describeKeychain('the customer record, phone lookup, write-only contact fields, WeChat and birthday (through the router)', { timeout: 180_000 }, () => {
  it('support find a caller by the full number in any common spelling, still masked; fragments find nothing; each lookup is audited without the number', async () => {
    const w = await accessWorld({ fastDisk: true });
    const lookup = async (query: string) => ok<Lookup>(await w.router.dispatch(w.caller('support'), 'customers.lookup', { query }));
    for (const spelling of ['+86 139 1234 5678', '139-1234-5678', '0086 13912345678', '(+86) 139 1234 5678', '１３９１２３４５６７８']) {
      const found = await lookup(spelling);
      expect(found.match, spelling).toBe('phone');
      expect(found.items.map((c) => c.id).sort(), spelling).toEqual([1, 2]);
      for (const item of found.items) {
        expect(item.mobile).toBe('139****5678');
        expect(JSON.stringify(item)).not.toContain(MARKERS.mobile);
        expect(item.revealable).toEqual([]);
      }
    }
    for (const fragment of ['1391234', '12345678', '5678', '139 1234 567', '+86 139', '王伟']) {
      expect(await lookup(fragment), fragment).toEqual({ match: 'none', items: [] });
    }
    // The same fragment through the ordinary search finds nothing for support either.
    expect(ok<CustomerView[]>(await w.router.dispatch(w.caller('support'), 'customers.search', { query: '12345678' }))).toEqual([]);

    const rows = auditRows(w, 'customer.lookup');
    expect(rows).toHaveLength(11);
    expect(rows[0]).toMatchObject({ username: 'support1', outcome: 'ok', fields: '["phone"]' });
    expect(rows[0]!.customerIds).toContain('1');
    // A fragment names no field (the log keeps no empty list).
    expect([null, '[]']).toContain(rows[10]!.fields);
    expect(JSON.stringify(w.core.vault.db().prepare('SELECT * FROM audit_log').all())).not.toContain('5678');
    w.core.close();
  });

  it('sales look up within their own book only', async () => {
    const w = await accessWorld({ fastDisk: true });
    const found = ok<Lookup>(await w.router.dispatch(w.caller('sales'), 'customers.lookup', { query: '+86 139 1234 5678' }));
    expect(found.items.map((c) => c.id)).toEqual([1]);
    expect(found.items[0]!.revealable).toContain('mobile');
    w.core.close();
  });

  it('lookups count toward reveals.many: over 30 in 10 minutes, an alert and STEP_UP_REQUIRED, nothing looked up, until the password is entered again', async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const w = await accessWorld({ fastDisk: true, now: () => clock });
    const lookup = () => w.router.dispatch(w.caller('support'), 'customers.lookup', { query: '13912345678' });
    for (let i = 0; i < 30; i += 1) expect((await lookup()).ok).toBe(true);
    const refused = (await lookup()) as Result;
    expect(refused).toMatchObject({ ok: false, error: { code: 'STEP_UP_REQUIRED' } });
    expect(auditRows(w, 'customer.lookup').filter((r) => r.outcome === 'ok')).toHaveLength(30);
    expect(auditRows(w, 'alert.raise').at(-1)).toMatchObject({ username: null, outcome: 'ok' });
    // Waiting does not clear it (the old limiter forgot after 10 minutes): the password does.
    clock += 11 * 60 * 1000;
    expect(await lookup()).toMatchObject({ ok: false, error: { code: 'STEP_UP_REQUIRED' } });
    expect(await w.router.dispatch(w.caller('support'), 'session.stepUp', { password: PASSWORD })).toEqual({ ok: true, value: { ok: true } });
    expect((await lookup()).ok).toBe(true);
    w.core.close();
  });

  it('sales add or replace a masked phone or e-mail of their own customer without the old value ever crossing, audited', async () => {
    const w = await accessWorld({ fastDisk: true });
    const sales = w.core.sessions.current('sales')!;
    const bare = w.core.customers.create(sales, { name: 'No Contact Yet' });
    const update = (id: number, changes: Record<string, string>) => w.router.dispatch(w.caller('sales'), 'customers.update', { id, changes }) as Promise<Result>;

    const replaced = await update(1, { mobile: '13700001111' });
    const view = ok<CustomerView>(replaced);
    expect(view.mobile).toBe('137****1111');
    expect(JSON.stringify(replaced)).not.toContain(MARKERS.mobile);
    expect(JSON.stringify(replaced)).not.toContain('13700001111');
    const stored = w.core.vault.db().prepare('SELECT mobile FROM customers WHERE id = 1').get() as { mobile: string };
    expect(stored.mobile).toBe('13700001111');
    expect(auditRows(w, 'customer.update').at(-1)).toMatchObject({ username: 'sales1', outcome: 'ok', recordId: '1', fields: '["mobile"]', reason: 'write-only: masked value replaced or added' });

    const added = ok<CustomerView>(await update(bare.id, { email: 'new.person@example.com', wechat: 'wxid_newperson' }));
    expect(added.email).toBe('n***@example.com');
    expect(added.wechat).toBe('w******on');

    // The masked form sent back is not a number (refused, nothing changes); clearing an unseen value and writing a hidden field are refused.
    expect(await update(1, { mobile: '137****1111' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((w.core.vault.db().prepare('SELECT mobile FROM customers WHERE id = 1').get() as { mobile: string }).mobile).toBe('13700001111');
    expect(await update(1, { mobile: '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', fields: { mobile: 'forbidden' } } });
    expect(await update(1, { idNumber: '110101199003074514' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Another salesperson's customer (the owner's) stays out of reach, and support cannot write at all.
    expect(await update(2, { mobile: '13700002222' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('support'), 'customers.update', { id: 1, changes: { mobile: '13700003333' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    w.core.close();
  });

  it('a WeChat ID is contact data: full for owner and manager, masked for sales (revealable on their own) and support, never for auditors; searchable only in full', async () => {
    const w = await accessWorld({ fastDisk: true });
    const owner = w.core.sessions.current('owner')!;
    const sales = w.core.sessions.current('sales')!;
    w.core.customers.update(sales, 1, { wechat: 'wxid_marker77' });
    w.core.customers.create(owner, { name: 'Phone As WeChat', wechat: '13612345678' });
    const get = async (role: 'owner' | 'manager' | 'sales' | 'support' | 'auditor', id = 1) => (await w.router.dispatch(w.caller(role), 'customers.get', { id })) as Result;
    expect(ok<CustomerView>(await get('owner')).wechat).toBe('wxid_marker77');
    expect(ok<CustomerView>(await get('manager')).wechat).toBe('wxid_marker77');
    const salesView = ok<CustomerView>(await get('sales'));
    expect(salesView.wechat).toBe('w******77');
    expect(salesView.revealable).toContain('wechat');
    const supportView = ok<CustomerView>(await get('support'));
    expect(supportView.wechat).toBe('w******77');
    expect(supportView.revealable).not.toContain('wechat');
    expect((await get('auditor')).ok).toBe(false);
    // A WeChat ID that is a phone number is masked as one.
    expect(ok<CustomerView>(await get('support', 4)).wechat).toBe('136****5678');

    expect(ok<{ value: string }>(await w.router.dispatch(w.caller('sales'), 'customers.reveal', { id: 1, field: 'wechat', reason: 'adding them on WeChat' })).value).toBe('wxid_marker77');
    expect(await w.router.dispatch(w.caller('support'), 'customers.reveal', { id: 1, field: 'wechat', reason: 'a caller asked' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const search = async (role: 'manager' | 'support', query: string) => ok<CustomerView[]>(await w.router.dispatch(w.caller(role), 'customers.search', { query })).map((c) => c.id);
    expect(await search('manager', 'WXID_MARKER77')).toEqual([1]);
    expect(await search('support', 'wxid_marker77')).toEqual([]);
    // Support find the customer by the whole ID through the audited lookup instead, masked.
    const found = ok<Lookup>(await w.router.dispatch(w.caller('support'), 'customers.lookup', { query: 'wxid_marker77' }));
    expect(found).toMatchObject({ match: 'wechat' });
    expect(found.items.map((c) => [c.id, c.wechat])).toEqual([[1, 'w******77']]);
    expect((await w.router.dispatch(w.caller('support'), 'customers.lookup', { query: 'wxid_mark' })) as Result).toMatchObject({ ok: true, value: { items: [] } });
    w.core.close();
  });

  it('a birthday is a date without a time: it goes in and comes back as typed, clears with an empty value, and refuses anything else', async () => {
    const w = await accessWorld({ fastDisk: true });
    const created = ok<CustomerView>(await w.router.dispatch(w.caller('manager'), 'customers.create', { name: '生日客户', birthday: '1990-03-07' }));
    expect(created.birthday).toBe('1990-03-07');
    expect(ok<CustomerView>(await w.router.dispatch(w.caller('support'), 'customers.get', { id: created.id })).birthday).toBe('1990-03-07');
    expect(await w.router.dispatch(w.caller('manager'), 'customers.create', { name: 'Bad', birthday: '1990-3-7' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await w.router.dispatch(w.caller('manager'), 'customers.create', { name: 'Bad', birthday: '1990-03-07T00:00:00Z' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const cleared = ok<CustomerView>(await w.router.dispatch(w.caller('manager'), 'customers.update', { id: created.id, changes: { birthday: '' } }));
    expect(cleared.birthday).toBeUndefined();
    w.core.close();
  });

  it('the record header: owner display name, purchase totals, last contact and next reminder, within what the role may see; one audited read', async () => {
    const w = await accessWorld({ fastDisk: true });
    const sales = w.core.sessions.current('sales')!;
    w.core.timeline.addPurchase(sales, 1, { date: '2026-11-20', item: 'Tea', amountMinor: 12_000, currency: 'CNY' });
    w.core.timeline.addPurchase(sales, 1, { date: '2026-11-21', item: 'Cups', amountMinor: 3_050, currency: 'CNY' });
    w.core.timeline.addInteraction(sales, 1, { kind: 'call', at: '2026-11-25T08:00:00Z', summary: 'Asked about the cups' });
    type Record = { customer: CustomerView; facts: { ownerDisplayName: string; purchases: { count: number; totals: { currency: string; amountMinor: number }[] } | null; lastContactAt: string | null; nextReminderAt: string | null } };
    const before = auditRows(w, 'customer.read').length;
    const forSales = ok<Record>(await w.router.dispatch(w.caller('sales'), 'customers.record', { id: 1 }));
    expect(forSales.customer.mobile).toBe('139****5678');
    expect(forSales.facts).toEqual({ ownerDisplayName: 'sales one', purchases: { count: 2, totals: [{ currency: 'CNY', amountMinor: 15_050 }] }, lastContactAt: '2026-11-25T08:00:00Z', nextReminderAt: '2026-11-01T09:00:00Z' });
    expect(auditRows(w, 'customer.read')).toHaveLength(before + 1);
    expect(auditRows(w, 'customer.read').at(-1)).toMatchObject({ username: 'sales1', recordId: '1' });

    // Support have no purchases.read: null, not "no purchases".
    const forSupport = ok<Record>(await w.router.dispatch(w.caller('support'), 'customers.record', { id: 1 }));
    expect(forSupport.facts.purchases).toBeNull();
    expect(forSupport.facts.ownerDisplayName).toBe('sales one');
    // Out of scope is NOT_FOUND and leaves a probe row, as customers.get does.
    expect(await w.router.dispatch(w.caller('sales'), 'customers.record', { id: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(auditRows(w, 'customer.probe').at(-1)).toMatchObject({ username: 'sales1', recordId: '2' });
    w.core.close();
  });
});
