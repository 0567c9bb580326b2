import { afterEach, expect, it } from 'vitest';
import { decodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import { describeKeychain } from '../support/keyring';
import { accessWorld, type AccessWorld } from './access-helpers';

const MINUTE = 60_000;
let world: AccessWorld | undefined;
afterEach(() => world?.core.close());

/** A world on a clock the test moves, so "between T1 and T2" has real edges. */
async function worldOnClock() {
  let t = Date.now();
  const w = await accessWorld({ now: () => t });
  world = w;
  const at = () => new Date(t).toISOString();
  const tick = () => (t += MINUTE);
  return { w, at, tick };
}

const ids = (value: unknown) => (value as { id: number }[]).map((c) => c.id);

describeKeychain('audit: which customers a user saw', () => {
  it('answers from the log exactly the customers the user was shown, within the time span, and only theirs', async () => {
    const { w, at, tick } = await worldOnClock();
    const sales = w.core.sessions.current('sales')!;
    for (let i = 0; i < 6; i += 1) w.core.customers.create(sales, { name: `Kunde ${i}`, company: i % 2 ? 'Teehaus' : 'Gartenbau' });
    tick();
    const from = at();
    tick();

    const seen = new Set<number>();
    const page = await w.router.dispatch(w.caller('sales'), 'customers.list', { limit: 3 });
    if (!page.ok) throw new Error(page.error.code);
    const listed = ids((page.value as { items: unknown }).items);
    expect(listed).toHaveLength(3);
    listed.forEach((id) => seen.add(id));
    const found = await w.router.dispatch(w.caller('sales'), 'customers.search', { query: 'Teehaus' });
    if (!found.ok) throw new Error(found.error.code);
    ids(found.value).forEach((id) => seen.add(id));
    expect(ids(found.value).length).toBeGreaterThan(0);
    const detail = await w.router.dispatch(w.caller('sales'), 'customers.get', { id: 1 });
    expect(detail.ok).toBe(true);
    seen.add(1);
    expect((await w.router.dispatch(w.caller('sales'), 'customers.timeline', { id: 1 })).ok).toBe(true);
    const board = await w.router.dispatch(w.caller('sales'), 'dashboard.summary', {});
    if (!board.ok) throw new Error(board.error.code);
    ids((board.value as { recentlyContacted: unknown }).recentlyContacted).forEach((id) => seen.add(id));
    (board.value as { reminders: { items: { customerId: number }[] } }).reminders.items.forEach((r) => seen.add(r.customerId));
    // Someone else's reads are someone else's.
    expect((await w.router.dispatch(w.caller('manager'), 'customers.get', { id: 2 })).ok).toBe(true);
    tick();
    const to = at();
    tick();
    // After the span: not in the answer.
    const later = await w.router.dispatch(w.caller('sales'), 'customers.list', { limit: 50 });
    expect(later.ok && ids((later.value as { items: unknown }).items).length).toBeGreaterThan(3);

    const answer = await w.router.dispatch(w.caller('owner'), 'audit.customersSeen', { username: 'sales1', from, to });
    expect(answer).toEqual({ ok: true, value: { userId: w.userIds.sales, customerIds: [...seen].sort((a, b) => a - b) } });
    expect([...seen]).not.toContain(2);
    const wide = await w.router.dispatch(w.caller('owner'), 'audit.customersSeen', { username: 'sales1', from, to: at() });
    expect(wide.ok && (wide.value as { customerIds: number[] }).customerIds.length).toBeGreaterThan(seen.size);
    const manager = await w.router.dispatch(w.caller('owner'), 'audit.customersSeen', { username: 'manager1', from, to });
    expect(manager).toEqual({ ok: true, value: { userId: w.userIds.manager, customerIds: [2] } });

    // The question itself is on record; only the owner may ask it; the chain still verifies.
    const db = w.core.vault.db();
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'audit.read' AND fields = '[\"customersSeen\"]'").get()).toEqual({ n: 3 });
    for (const role of ['manager', 'sales', 'support', 'auditor'] as const) {
      expect(await w.router.dispatch(w.caller(role), 'audit.customersSeen', { username: 'sales1', from, to })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await w.router.dispatch(w.caller('owner'), 'audit.customersSeen', { username: 'nobody', from, to })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('owner'), 'audit.customersSeen', { username: 'sales1', from: to, to: from })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await w.router.dispatch(w.caller('owner'), 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('stores ids only, compactly, and covers them by the chain', async () => {
    const { w } = await worldOnClock();
    const page = await w.router.dispatch(w.caller('owner'), 'customers.list', { limit: 50 });
    if (!page.ok) throw new Error(page.error.code);
    const db = w.core.vault.db();
    const row = db.prepare("SELECT id, customer_ids AS ids FROM audit_log WHERE action = 'customer.list' ORDER BY id DESC LIMIT 1").get() as { id: number; ids: string };
    expect(decodeCustomerIds(row.ids)).toEqual(ids((page.value as { items: unknown }).items).sort((a, b) => a - b));
    expect(row.ids).not.toContain('王伟');
    // Removing a customer from the recorded set breaks the chain at that row.
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET customer_ids = '1' WHERE id = ?").run(row.id);
    expect(await w.router.dispatch(w.caller('owner'), 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: false, firstBrokenId: row.id, problem: 'edited' } });
  });

  it('records reading the audit log and the user list, with filter names but not their values', async () => {
    const { w } = await worldOnClock();
    expect((await w.router.dispatch(w.caller('auditor'), 'audit.query', { username: 'sales1', limit: 5 })).ok).toBe(true);
    expect((await w.router.dispatch(w.caller('owner'), 'users.list', {})).ok).toBe(true);
    const rows = w.core.vault.db().prepare("SELECT username, action, entity, fields, reason, record_id AS recordId FROM audit_log WHERE action IN ('audit.read', 'user.list') ORDER BY id").all();
    expect(rows).toEqual([
      { username: 'auditor1', action: 'audit.read', entity: 'audit', fields: '["username"]', reason: null, recordId: null },
      { username: 'anna', action: 'user.list', entity: 'user', fields: null, reason: null, recordId: null },
    ]);
  });

  it('records a scoped read of a customer outside the caller scope, and still answers NOT_FOUND', async () => {
    const { w } = await worldOnClock();
    const probes = () => w.core.vault.db().prepare("SELECT user_id AS userId, record_id AS recordId, outcome FROM audit_log WHERE action = 'customer.probe' ORDER BY id").all();
    // Customer 2 is the owner's: sales may not reach it. Customer 999 does not exist.
    const outside = await w.router.dispatch(w.caller('sales'), 'customers.get', { id: 2 });
    const missing = await w.router.dispatch(w.caller('sales'), 'customers.get', { id: 999 });
    expect(outside).toEqual(missing);
    expect(outside).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('sales'), 'customers.timeline', { id: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('sales'), 'customers.reveal', { id: 2, field: 'mobile', reason: 'calling back about an order' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('sales'), 'customers.update', { id: 2, changes: { company: 'Mine now' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('sales'), 'reminders.list', { range: 'all', customerId: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const s = w.userIds.sales;
    expect(probes()).toEqual([
      { userId: s, recordId: '2', outcome: 'denied' },
      { userId: s, recordId: '2', outcome: 'denied' },
      { userId: s, recordId: '2', outcome: 'denied' },
      { userId: s, recordId: '2', outcome: 'denied' },
      { userId: s, recordId: '2', outcome: 'denied' },
    ]);
    // Nothing changed, nothing was read on its behalf, and a reach within scope is no probe.
    expect(w.core.vault.db().prepare("SELECT company FROM customers WHERE id = 2").get()).toEqual({ company: null });
    expect((await w.router.dispatch(w.caller('sales'), 'customers.get', { id: 1 })).ok).toBe(true);
    expect(probes()).toHaveLength(5);
  });
});
