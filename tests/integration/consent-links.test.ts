import { expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, Role } from '../../shared/contract';
import { takeDueNotice } from '../../electron/core/reminders/due-notice';
import { describeKeychain } from '../support/keyring';
import { PASSWORD, accessWorld, type AccessWorld } from './access-helpers';

// Seeded: customer 1 王伟 (sales1's, one overdue reminder), 2 Owner Customer and 3 To Delete (the owner's).
const GRANT = { event: 'granted', basis: 'consent', separate: false, evidenceSource: 'paper-form', evidenceDate: '2026-11-20' } as const;
const WITHDRAW = { event: 'withdrawn', separate: false, evidenceSource: 'wechat', evidenceDate: '2026-11-25' } as const;
const HOUR = 3_600_000;

function caller(w: AccessWorld) {
  return {
    async ok<C extends ChannelName>(role: Role, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const result = await w.router.dispatch(w.caller(role), channel, input);
      if (!result.ok) throw new Error(`${channel} as ${role}: ${result.error.code} ${JSON.stringify(result.error.fields ?? {})}`);
      return result.value as ChannelOutput<C>;
    },
    async code(role: Role, channel: ChannelName, input: unknown): Promise<string | null> {
      const result = await w.router.dispatch(w.caller(role), channel, input);
      return result.ok ? null : result.error.code;
    },
  };
}

const eventRows = (w: AccessWorld) => w.core.vault.db().prepare('SELECT id, customer_id AS customerId, purpose, event, origin, merge_id AS mergeId, merged_from AS mergedFrom FROM consent_events ORDER BY id').all();

describeKeychain('consent where other records meet it (router, real SQLCipher)', () => {
  it('a marketing reminder keeps its purpose: a later withdrawal stops it (listed with the reason, not due, not announced); a renewal lets it go again', async () => {
    let clock = new Date(2026, 10, 23, 12).getTime();
    const w = await accessWorld({ now: () => clock });
    const c = caller(w);
    await c.ok('owner', 'settings.setIdleMinutes', { minutes: 240 });
    const sales = () => w.core.sessions.current('sales');
    takeDueNotice(w.core.reminders, sales(), 'en'); // the seeded overdue reminder, announced once
    const soon = new Date(clock + HOUR).toISOString();
    await c.ok('sales', 'reminders.add', { customerId: 1, dueAt: soon, note: 'SMS the new season list', purpose: 'marketing-sms' });
    await c.ok('sales', 'reminders.add', { customerId: 1, dueAt: soon, note: 'WeChat the photos', purpose: 'wechat-marketing' });
    await c.ok('sales', 'reminders.add', { customerId: 1, dueAt: soon, note: 'Ask about the delivery' });
    expect(w.core.vault.db().prepare('SELECT note, purpose FROM reminders WHERE purpose IS NOT NULL ORDER BY id').all()).toEqual([
      { note: 'SMS the new season list', purpose: 'marketing-sms' },
      { note: 'WeChat the photos', purpose: 'wechat-marketing' },
    ]);
    expect(w.core.vault.db().prepare("SELECT fields FROM audit_log WHERE action = 'reminder.create' ORDER BY id DESC LIMIT 3").all()).toEqual([
      { fields: '["dueAt","note"]' },
      { fields: '["dueAt","note","purpose"]' },
      { fields: '["dueAt","note","purpose"]' },
    ]);

    // The customer withdraws SMS marketing after the reminders were made.
    await c.ok('sales', 'consent.record', { customerId: 1, purpose: 'marketing-sms', ...WITHDRAW });
    const view = async () => (await c.ok('sales', 'reminders.list', { range: 'today' })).map((r) => [r.note, r.purpose, r.blocked]);
    expect(await view()).toEqual([
      ['SMS the new season list', 'marketing-sms', 'consent-withdrawn'],
      ['WeChat the photos', 'wechat-marketing', null],
      ['Ask about the delivery', null, null],
    ]);
    clock += 2 * HOUR;
    // Not shown as due on the dashboard, not announced.
    const dashboard = await c.ok('sales', 'dashboard.summary', { mine: true });
    expect(dashboard.reminders.items.map((r) => r.note)).not.toContain('SMS the new season list');
    expect(dashboard.reminders.items.map((r) => r.note)).toEqual(expect.arrayContaining(['WeChat the photos', 'Ask about the delivery']));
    expect(takeDueNotice(w.core.reminders, sales(), 'en')).toEqual({ title: 'Coffer', body: '2 follow-up reminders are due. Open Coffer to see them.' });
    expect(takeDueNotice(w.core.reminders, sales(), 'en')).toBeNull();
    // A new reminder for the withdrawn purpose is refused, as before.
    expect(await c.code('sales', 'reminders.add', { customerId: 1, dueAt: soon, note: 'x', purpose: 'marketing-sms' })).toBe('CONSENT_WITHDRAWN');

    // A renewal: the reminder is due again, and announced once.
    clock += 1000;
    await c.ok('sales', 'consent.record', { customerId: 1, purpose: 'marketing-sms', ...GRANT, event: 'renewed' });
    expect((await view())[0]).toEqual(['SMS the new season list', 'marketing-sms', null]);
    expect(takeDueNotice(w.core.reminders, sales(), 'en')).toEqual({ title: 'Coffer', body: 'A follow-up reminder is due. Open Coffer to see it.' });
    w.core.close();
  }, 60_000);

  it('a merge brings the merged-away customer\'s consent events to the kept one as copies (newest per purpose wins); undo takes exactly the copies away', async () => {
    const clock = { t: Date.parse('2026-11-20T08:00:00Z') };
    const w = await accessWorld({ now: () => (clock.t += 1000) });
    const c = caller(w);
    const kept = (await c.ok('owner', 'customers.create', { name: '赵敏', mobile: '13900000011' })).id;
    const gone = (await c.ok('owner', 'customers.create', { name: '赵敏 (2)', mobile: '13900000012' })).id;
    await c.ok('owner', 'consent.record', { customerId: kept, purpose: 'marketing-sms', ...GRANT }); // older
    await c.ok('owner', 'consent.record', { customerId: gone, purpose: 'wechat-marketing', ...GRANT });
    await c.ok('owner', 'consent.record', { customerId: gone, purpose: 'marketing-sms', ...WITHDRAW }); // newer: wins
    await c.ok('owner', 'consent.record', { customerId: kept, purpose: 'phone-follow-up', ...GRANT }); // newer than gone's: wins
    await c.ok('owner', 'consent.record', { customerId: gone, purpose: 'phone-follow-up', ...WITHDRAW });
    clock.t += 1000;
    // gone's phone withdrawal above is newer than kept's grant; make kept's newest again to test both directions.
    await c.ok('owner', 'consent.record', { customerId: kept, purpose: 'phone-follow-up', ...GRANT, event: 'renewed' });
    const before = eventRows(w);

    const { mergeId } = await c.ok('owner', 'customers.merge', { survivorId: kept, ids: [kept, gone], fields: {} });
    const merged = await c.ok('owner', 'consent.history', { customerId: kept });
    expect(merged.events.filter((e) => e.origin === 'merged').map((e) => [e.purpose, e.event, e.mergedFrom, e.recordedBy])).toEqual([
      ['phone-follow-up', 'withdrawn', gone, 'Anna Example'],
      ['marketing-sms', 'withdrawn', gone, 'Anna Example'],
      ['wechat-marketing', 'granted', gone, 'Anna Example'],
    ]);
    // Merged copies keep their own times: the history is in recorded order across both customers.
    expect(merged.events.map((e) => e.recordedAt)).toEqual([...merged.events.map((e) => e.recordedAt)].sort().reverse());
    expect(Object.fromEntries(merged.states.map((s) => [s.purpose, s.state]))).toEqual({ 'phone-follow-up': 'active', 'marketing-sms': 'withdrawn', 'wechat-marketing': 'active' });
    // Append-only: the originals are untouched, the copies are new rows naming the merge.
    const after = eventRows(w);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([0, 1, 2].map(() => expect.objectContaining({ customerId: kept, origin: 'merged', mergeId, mergedFrom: gone })));
    // The derived state drives the rest: an SMS reminder on the kept customer is refused.
    expect(await c.code('owner', 'reminders.add', { customerId: kept, dueAt: '2026-12-01T09:00:00Z', note: 'x', purpose: 'marketing-sms' })).toBe('CONSENT_WITHDRAWN');

    // An event recorded on the kept customer after the merge stays with it through the undo.
    await c.ok('owner', 'consent.record', { customerId: kept, purpose: 'cross-border', ...GRANT, separate: true });
    await c.ok('owner', 'customers.mergeUndo', { mergeId });
    const keptAfter = await c.ok('owner', 'consent.history', { customerId: kept });
    expect(keptAfter.events.map((e) => [e.purpose, e.event, e.origin])).toEqual([
      ['cross-border', 'granted', null],
      ['phone-follow-up', 'renewed', null],
      ['phone-follow-up', 'granted', null],
      ['marketing-sms', 'granted', null],
    ]);
    const goneAfter = await c.ok('owner', 'consent.history', { customerId: gone });
    expect(Object.fromEntries(goneAfter.states.map((s) => [s.purpose, s.state]))).toEqual({ 'phone-follow-up': 'withdrawn', 'marketing-sms': 'withdrawn', 'wechat-marketing': 'active' });
    expect(eventRows(w).filter((r) => (r as { origin: string | null }).origin === 'merged')).toEqual([]);
    w.core.close();
  }, 60_000);

  it('changing consent waits for a pending step-up like other sensitive changes; nothing is written until the password is entered again', async () => {
    const clock = Date.parse('2026-12-02T10:00:00Z');
    const w = await accessWorld({ fastDisk: true, now: () => clock });
    const c = caller(w);
    const reveal = { id: 1, field: 'email', reason: 'checking an order' } as const;
    for (let i = 0; i < 31; i += 1) await w.router.dispatch(w.caller('sales'), 'customers.reveal', reveal);
    expect(await c.code('sales', 'customers.get', { id: 1 })).toBe('STEP_UP_REQUIRED');

    const rows = eventRows(w).length;
    expect(await c.code('sales', 'consent.record', { customerId: 1, purpose: 'marketing-sms', ...GRANT })).toBe('STEP_UP_REQUIRED');
    expect(await c.code('sales', 'consent.record', { customerId: 1, purpose: 'marketing-sms', ...WITHDRAW })).toBe('STEP_UP_REQUIRED');
    // The bulk withdrawal travels with an import, which waits too.
    expect(await c.code('sales', 'import.commit', { importId: '00000000-0000-4000-8000-000000000000', confirmRepeat: false, consent: { withdraw: { purpose: 'marketing-sms', evidenceSource: 'paper-form', evidenceDate: '2026-11-25' } } })).toBe('STEP_UP_REQUIRED');
    expect(eventRows(w)).toHaveLength(rows);
    // Other users are not held back.
    await c.ok('owner', 'consent.record', { customerId: 2, purpose: 'marketing-sms', ...GRANT });

    await c.ok('sales', 'session.stepUp', { password: PASSWORD });
    await c.ok('sales', 'consent.record', { customerId: 1, purpose: 'marketing-sms', ...WITHDRAW });
    expect(eventRows(w)).toHaveLength(rows + 2);
    w.core.close();
  }, 120_000);
});
