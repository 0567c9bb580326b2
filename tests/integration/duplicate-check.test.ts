import path from 'node:path';
import { expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { keysOf } from '../../electron/core/customers/duplicate-keys';
import { createDemoVault } from '../../electron/core/demo/demo-vault';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, MARKERS } from './access-helpers';
import { testKeychain } from './vault-helpers';

// The access world: customer 1 王伟 (sales1's, 上海) and 2 "Owner Customer" (the owner's) both
// carry the marker mobile 13912345678, phone 021 5550 1234 and e-mail; 3 "To Delete" has none.
describeKeychain('duplicate check through the router', () => {
  const ok = <T>(result: { ok: boolean; value?: unknown }) => {
    expect(result).toMatchObject({ ok: true });
    return result.value as T;
  };
  type Result = { duplicates: { id: number; name: string }[]; possible: { id: number; name: string }[]; outOfScope: boolean };

  it('finds the same phone in any spelling and the same e-mail in any case', async () => {
    const w = await accessWorld();
    const check = async (input: object) => ok<Result>(await w.router.dispatch(w.caller('manager'), 'customers.checkDuplicates', input));
    const both = { duplicates: [{ id: 1, name: '王伟' }, { id: 2, name: 'Owner Customer' }], possible: [], outOfScope: false };
    expect(await check({ mobile: '+86 139 1234 5678' })).toEqual(both);
    expect(await check({ mobile: '１３９１２３４５６７８' })).toEqual(both);
    expect(await check({ phone: '139-1234-5678' })).toEqual(both);
    expect(await check({ phone: '(021) 5550 1234' })).toEqual(both);
    expect(await check({ email: ' Marker.Person@EXAMPLE.org' })).toEqual(both);
    expect(await check({ mobile: '13912345679', email: 'other@example.org' })).toEqual({ duplicates: [], possible: [], outOfScope: false });
    // Editing customer 1: it is not its own duplicate.
    expect((await check({ mobile: MARKERS.mobile, excludeId: 1 })).duplicates).toEqual([{ id: 2, name: 'Owner Customer' }]);
    w.core.close();
  });

  it('a name alone is never a duplicate; the name with the company or city is a possible one', async () => {
    const w = await accessWorld();
    const manager = w.core.sessions.current('manager')!;
    const created = w.core.customers.create(manager, { name: '李 娜', company: '上海顶点有限公司' });
    const check = async (input: object) => ok<Result>(await w.router.dispatch(w.caller('manager'), 'customers.checkDuplicates', input));
    expect(await check({ name: '王伟' })).toEqual({ duplicates: [], possible: [], outOfScope: false });
    expect(await check({ name: '李娜' })).toEqual({ duplicates: [], possible: [], outOfScope: false });
    expect(await check({ name: '李娜', company: '上海顶点股份有限公司' })).toEqual({ duplicates: [], possible: [{ id: created.id, name: '李 娜' }], outOfScope: false });
    expect(await check({ name: '王伟', city: '上海市' })).toEqual({ duplicates: [], possible: [{ id: 1, name: '王伟' }], outOfScope: false });
    expect(await check({ name: '王伟', city: '北京' })).toEqual({ duplicates: [], possible: [], outOfScope: false });
    // The same company without the name is a colleague, not the same person.
    expect(await check({ name: '张三', company: '上海顶点' })).toEqual({ duplicates: [], possible: [], outOfScope: false });
    w.core.close();
  });

  it('a name that only sounds the same (汪伟 for 王伟) is possible with the company, not with the city alone', async () => {
    const w = await accessWorld();
    const manager = w.core.sessions.current('manager')!;
    const created = w.core.customers.create(manager, { name: '王伟', company: '杭州远山贸易有限公司', city: '杭州' });
    const check = async (input: object) => ok<Result>(await w.router.dispatch(w.caller('manager'), 'customers.checkDuplicates', input));
    expect((await check({ name: '汪伟', company: '杭州远山贸易' })).possible).toEqual([{ id: created.id, name: '王伟' }]);
    expect((await check({ name: '汪伟', city: '杭州' })).possible).toEqual([]);
    expect((await check({ name: '汪伟', company: '杭州远山贸易', city: '杭州市' })).possible).toEqual([{ id: created.id, name: '王伟' }]);
    // A different sound with the same company is a colleague.
    expect((await check({ name: '王维国', company: '杭州远山贸易' })).possible).toEqual([]);
    w.core.close();
  });

  it('keys follow every write: update, delete and restore', async () => {
    const w = await accessWorld();
    const check = async () => ok<Result>(await w.router.dispatch(w.caller('owner'), 'customers.checkDuplicates', { mobile: '13700001111' }));
    ok(await w.router.dispatch(w.caller('owner'), 'customers.update', { id: 3, changes: { mobile: '137 0000 1111' } }));
    expect((await check()).duplicates).toEqual([{ id: 3, name: 'To Delete' }]);
    ok(await w.router.dispatch(w.caller('owner'), 'customers.delete', { id: 3 }));
    expect((await check()).duplicates).toEqual([]);
    ok(await w.router.dispatch(w.caller('owner'), 'customers.restore', { id: 3 }));
    expect((await check()).duplicates).toEqual([{ id: 3, name: 'To Delete' }]);
    w.core.close();
  });

  it('a match outside the scope is not described, only flagged, and the event is audited', async () => {
    const w = await accessWorld();
    const db = w.core.vault.db();
    const result = await w.router.dispatch(w.caller('sales'), 'customers.checkDuplicates', { mobile: MARKERS.mobile, name: 'Owner Customer', city: '上海' });
    expect(ok<Result>(result)).toEqual({ duplicates: [{ id: 1, name: '王伟' }], possible: [], outOfScope: true });
    expect(JSON.stringify(result)).not.toContain('Owner Customer');
    // Only the owner's customer matches: nothing about it comes back but the flag.
    const hidden = ok<Result>(await w.router.dispatch(w.caller('sales'), 'customers.checkDuplicates', { email: MARKERS.email, excludeId: 1 }));
    expect(hidden).toEqual({ duplicates: [], possible: [], outOfScope: true });
    const rows = db.prepare("SELECT action, outcome, fields, customer_ids AS ids, reason FROM audit_log WHERE username = 'sales1' AND fields LIKE '%duplicates%' ORDER BY id").all();
    expect(rows).toEqual([
      { action: 'customer.search', outcome: 'ok', fields: expect.stringContaining('duplicates'), ids: expect.stringMatching(/^\[?1\]?$/), reason: null },
      { action: 'customer.probe', outcome: 'denied', fields: expect.stringContaining('duplicates'), ids: expect.stringMatching(/^\[?2\]?$/), reason: 'duplicate of a customer outside scope' },
      { action: 'customer.search', outcome: 'ok', fields: expect.stringContaining('duplicates'), ids: null, reason: null },
      { action: 'customer.probe', outcome: 'denied', fields: expect.stringContaining('duplicates'), ids: expect.stringMatching(/^\[?2\]?$/), reason: 'duplicate of a customer outside scope' },
    ]);
    // The audit row never holds what was typed.
    expect(JSON.stringify(db.prepare('SELECT * FROM audit_log').all())).not.toContain(MARKERS.mobile);
    // The hidden customer is in the log for the owner to see, but not as a customer sales1 was shown.
    const seen = ok<{ customerIds: number[] }>(await w.router.dispatch(w.caller('owner'), 'audit.customersSeen', { username: 'sales1', from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' }));
    expect(seen.customerIds).toContain(1);
    expect(seen.customerIds).not.toContain(2);
    w.core.close();
  });

  it('only roles that may create or change customers may ask', async () => {
    const w = await accessWorld();
    for (const role of ['support', 'auditor'] as const) {
      expect(await w.router.dispatch(w.caller(role), 'customers.checkDuplicates', { mobile: MARKERS.mobile })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await w.router.dispatch(w.caller('owner'), 'customers.checkDuplicates', { mobile: MARKERS.mobile, extra: 1 })).toMatchObject({ ok: false });
    w.core.close();
  });

  it('demo data carries its keys from the start, exactly those its fields give', async () => {
    const core = createCore({ profileDir: path.join(tempDir(), 'profile'), appVersion: 'test', osLocales: ['zh-CN'], keychain: testKeychain().keychain });
    await core.start();
    await createDemoVault(core, { customers: 200, interactionsPerCustomer: 1, now: new Date('2026-11-23T08:00:00Z') }, () => undefined);
    const db = core.vault.db();
    const customers = db.prepare('SELECT id, name, mobile, phone, email, company FROM customers ORDER BY id').all() as { id: number; name: string; mobile: string | null; phone: string | null; email: string | null; company: string | null }[];
    const expected = customers.flatMap((c) => [...new Map(keysOf(c).map((k) => [`${k.kind}|${k.value}`, { id: c.id, ...k }])).values()]);
    const stored = db.prepare('SELECT customer_id AS id, kind, value FROM customer_keys').all() as { id: number; kind: string; value: string }[];
    const sort = (rows: { id: number; kind: string; value: string }[]) => rows.map((r) => `${r.id}|${r.kind}|${r.value}`).sort();
    expect(stored.filter((k) => k.kind === 'phone').length).toBeGreaterThan(100);
    expect(sort(stored)).toEqual(sort(expected));
    core.close();
  });
});
