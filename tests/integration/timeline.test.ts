import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';

describeKeychain('interactions and purchases through the router', () => {
  it('follow each role row: sales own customers only, support sees interactions but no purchases', async () => {
    const w = await accessWorld();
    const call = { kind: 'wechat', at: '2026-11-21T09:30:00Z', summary: '确认了送货地址' } as const;
    expect(await w.router.dispatch(w.caller('sales'), 'interactions.add', { customerId: 1, ...call })).toMatchObject({ ok: true });
    expect(await w.router.dispatch(w.caller('sales'), 'purchases.add', { customerId: 1, date: '2026-11-21', item: '龙井 250g', amountMinor: 12800, currency: 'CNY' })).toMatchObject({ ok: true });
    expect(await w.router.dispatch(w.caller('sales'), 'interactions.add', { customerId: 2, ...call })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('support'), 'interactions.add', { customerId: 2, kind: 'service', at: '2026-11-22T08:00:00Z', summary: 'Fixed login' })).toMatchObject({ ok: true });
    expect(await w.router.dispatch(w.caller('support'), 'purchases.add', { customerId: 1, date: '2026-11-21', item: 'x', amountMinor: 1, currency: 'CNY' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.router.dispatch(w.caller('manager'), 'purchases.add', { customerId: 1, date: '2026-11-21', item: 'x', amountMinor: 1.5, currency: 'CNY' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const owner = await w.router.dispatch(w.caller('owner'), 'customers.timeline', { id: 1 });
    expect(owner.ok && (owner.value as { type: string; text: string }[]).map((e) => [e.type, e.text])).toEqual([
      ['interaction', '确认了送货地址'],
      ['purchase', '龙井 250g'],
    ]);
    const support = await w.router.dispatch(w.caller('support'), 'customers.timeline', { id: 1 });
    expect(support.ok && (support.value as { type: string }[]).map((e) => e.type)).toEqual(['interaction']);
    expect(await w.router.dispatch(w.caller('sales'), 'customers.timeline', { id: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const got = await w.router.dispatch(w.caller('sales'), 'customers.get', { id: 1 });
    expect(got).toMatchObject({ ok: true, value: { lastInteractionAt: '2026-11-21T09:30:00Z' } });
    const audit = JSON.stringify(w.core.vault.db().prepare("SELECT * FROM audit_log WHERE action IN ('interaction.create', 'purchase.create')").all());
    expect(audit).toContain('interaction.create');
    expect(audit).not.toContain('送货地址');
    expect(audit).not.toContain('龙井');
    w.core.close();
  });
});
