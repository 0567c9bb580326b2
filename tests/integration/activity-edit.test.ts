import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { accessWorld, type AccessWorld } from './access-helpers';

type Entry = { type: string; id: number; text: string; at: string; amountMinor: number | null };

async function timeline(w: AccessWorld, id: number): Promise<Entry[]> {
  const got = await w.router.dispatch(w.caller('owner'), 'customers.timeline', { id });
  if (!got.ok) throw new Error(got.error.code);
  return got.value as Entry[];
}

function auditRows(w: AccessWorld, action: string): { record_id: string; fields: string | null; username: string }[] {
  return w.core.vault.db().prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id').all(action) as never;
}

describeKeychain('editing and deleting timeline entries through the router', () => {
  it('sales change their own customers’ interactions, audited with field names only; last contact follows', async () => {
    const w = await accessWorld();
    const added = await w.router.dispatch(w.caller('sales'), 'interactions.add', { customerId: 1, kind: 'call', at: '2026-11-21T09:30:00Z', summary: '问了送货时间' });
    expect(added.ok).toBe(true);
    const id = (added as { value: { id: number } }).value.id;
    const edit = { id, kind: 'wechat', at: '2026-11-20T08:00:00Z', summary: '确认了送货地址' } as const;
    expect(await w.router.dispatch(w.caller('sales'), 'interactions.update', edit)).toEqual({ ok: true, value: { updated: true } });
    expect((await timeline(w, 1)).map((e) => [e.id, e.text, e.at])).toEqual([[id, '确认了送货地址', '2026-11-20T08:00:00Z']]);
    // The edit moved the only contact back a day: the customer's last contact moves with it.
    expect(await w.router.dispatch(w.caller('sales'), 'customers.get', { id: 1 })).toMatchObject({ ok: true, value: { lastInteractionAt: '2026-11-20T08:00:00Z' } });

    const updates = auditRows(w, 'interaction.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ record_id: '1', username: 'sales1' });
    expect(JSON.parse(updates[0]!.fields ?? '[]')).toEqual(['kind', 'at', 'summary']);
    expect(JSON.stringify(w.core.vault.db().prepare("SELECT * FROM audit_log WHERE action LIKE 'interaction.%'").all())).not.toContain('送货');

    // Another salesperson's customer (2 is the owner's): as if it did not exist, and kept as a probe.
    const probesBefore = auditRows(w, 'customer.probe').length;
    const other = await w.router.dispatch(w.caller('owner'), 'interactions.add', { customerId: 2, kind: 'visit', at: '2026-11-22T10:00:00Z', summary: 'Visited the shop' });
    const otherId = (other as { value: { id: number } }).value.id;
    expect(await w.router.dispatch(w.caller('sales'), 'interactions.update', { ...edit, id: otherId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('sales'), 'interactions.delete', { id: otherId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(auditRows(w, 'customer.probe').length).toBe(probesBefore + 2);
    expect((await timeline(w, 2)).map((e) => e.text)).toEqual(['Visited the shop']);
    // Support writes interactions of every customer, but not blind over a summary the owner keeps
    // from it (free-text-support.test.ts); once allowed, it may. The auditor writes none.
    const supportEdit = { id: otherId, kind: 'visit', at: '2026-11-22T10:00:00Z', summary: 'Visited, fixed the till' } as const;
    expect(await w.router.dispatch(w.caller('support'), 'interactions.update', supportEdit)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', fields: { summary: 'withheld' } } });
    await w.router.dispatch(w.caller('owner'), 'settings.setNotesForSupport', { allowed: true });
    expect(await w.router.dispatch(w.caller('support'), 'interactions.update', supportEdit)).toMatchObject({ ok: true });
    expect(await w.router.dispatch(w.caller('auditor'), 'interactions.delete', { id: otherId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.router.dispatch(w.caller('sales'), 'interactions.delete', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect(await w.router.dispatch(w.caller('sales'), 'interactions.delete', { id })).toEqual({ ok: true, value: { deleted: true } });
    expect(await timeline(w, 1)).toEqual([]);
    expect(await w.router.dispatch(w.caller('sales'), 'customers.get', { id: 1 })).toMatchObject({ ok: true, value: { lastInteractionAt: null } });
    expect(auditRows(w, 'interaction.delete')).toMatchObject([{ record_id: '1', username: 'sales1' }]);
    w.core.close();
  });

  it('an interaction time may not lie in the future (beyond a minute), when added or edited', async () => {
    const w = await accessWorld();
    const soon = new Date(Date.now() + 30_000).toISOString();
    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    const ok = await w.router.dispatch(w.caller('sales'), 'interactions.add', { customerId: 1, kind: 'call', at: soon, summary: 'Just now' });
    expect(ok).toMatchObject({ ok: true });
    const id = (ok as { value: { id: number } }).value.id;
    expect(await w.router.dispatch(w.caller('sales'), 'interactions.add', { customerId: 1, kind: 'call', at: later, summary: 'Later' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { at: 'in_future' } } });
    expect(await w.router.dispatch(w.caller('sales'), 'interactions.update', { id, kind: 'call', at: later, summary: 'Later' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { at: 'in_future' } } });
    expect((await timeline(w, 1)).map((e) => e.text)).toEqual(['Just now']);
    w.core.close();
  });

  it('purchases: edit and delete by who may write them, and a bad amount says why', async () => {
    const w = await accessWorld();
    const base = { date: '2026-11-21', item: '龙井 250g', amountMinor: 12800, currency: 'CNY' };
    const added = await w.router.dispatch(w.caller('sales'), 'purchases.add', { customerId: 1, ...base, note: '送货上门' });
    const id = (added as { value: { id: number } }).value.id;
    expect(await w.router.dispatch(w.caller('sales'), 'purchases.update', { id, ...base, amountMinor: 25600 })).toEqual({ ok: true, value: { updated: true } });
    // The edit carried no note (the timeline does not show one): the stored note is kept.
    expect(w.core.vault.db().prepare('SELECT note FROM purchases WHERE id = ?').get(id)).toEqual({ note: '送货上门' });
    expect((await timeline(w, 1)).map((e) => [e.type, e.amountMinor])).toEqual([['purchase', 25600]]);
    expect(JSON.parse(auditRows(w, 'purchase.update')[0]!.fields ?? '[]')).toEqual(['amountMinor']);
    // Support reads interactions but has no purchase rights at all.
    expect(await w.router.dispatch(w.caller('support'), 'purchases.update', { id, ...base })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.router.dispatch(w.caller('support'), 'purchases.delete', { id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const reasons: [unknown, string][] = [
      [-100, 'amount_negative'],
      [1280.5, 'amount_too_many_decimals'],
      [1e14, 'amount_too_large'],
      ['12.80', 'amount_not_a_number'],
    ];
    for (const [amountMinor, reason] of reasons) {
      expect(await w.router.dispatch(w.caller('sales'), 'purchases.update', { id, ...base, amountMinor }), reason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { amountMinor: reason } } });
      expect(await w.router.dispatch(w.caller('sales'), 'purchases.add', { customerId: 1, ...base, amountMinor }), reason).toMatchObject({ ok: false, error: { fields: { amountMinor: reason } } });
    }
    expect((await timeline(w, 1)).map((e) => e.amountMinor)).toEqual([25600]);

    expect(await w.router.dispatch(w.caller('manager'), 'purchases.delete', { id })).toEqual({ ok: true, value: { deleted: true } });
    expect(await timeline(w, 1)).toEqual([]);
    expect(auditRows(w, 'purchase.delete')).toMatchObject([{ record_id: '1', username: 'manager1' }]);
    w.core.close();
  });
});
