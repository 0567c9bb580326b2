import { expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { takeDueNotice } from '../../electron/core/reminders/due-notice';
import { describeKeychain } from '../support/keyring';
import { PASSWORD, accessWorld } from './access-helpers';
import { approvalsOff } from './vault-helpers';

type Reminders = ChannelOutput<'reminders.list'>;
const notes = (result: { ok: boolean; value?: unknown }) => (result.ok ? (result.value as Reminders).map((r) => r.note) : result);
const HOUR = 3_600_000;
// Local times: "due today" is the user's day, and main runs on the user's computer.
const local = (day: number, hour: number) => new Date(2026, 10, day, hour, 0, 0).toISOString();

describeKeychain('reminders, the dashboard and optional fields through the router', () => {
  it('reminders: due-today, overdue and upcoming lists, done, snooze, scope, assignment, one notification each', async () => {
    let clock = Date.parse(local(23, 12));
    const w = await accessWorld({ now: () => clock });
    const [s, o] = [w.caller('sales'), w.caller('owner')];
    await w.router.dispatch(o, 'settings.setIdleMinutes', { minutes: 240 });
    // Seeded: 'Follow up on the tea order', sales' customer 1, due 2026-11-01 (overdue).
    expect(await w.router.dispatch(s, 'reminders.add', { customerId: 1, dueAt: local(23, 15), note: '下午回电' })).toMatchObject({ ok: true });
    expect(await w.router.dispatch(s, 'reminders.add', { customerId: 1, dueAt: local(26, 9), note: 'Send the catalogue' })).toMatchObject({ ok: true });
    expect(await w.router.dispatch(o, 'reminders.add', { customerId: 2, dueAt: local(23, 13), note: 'Owner only' })).toMatchObject({ ok: true });

    expect(notes(await w.router.dispatch(s, 'reminders.list', { range: 'overdue' }))).toEqual(['Follow up on the tea order']);
    expect(notes(await w.router.dispatch(s, 'reminders.list', { range: 'today' }))).toEqual(['下午回电']);
    expect(notes(await w.router.dispatch(s, 'reminders.list', { range: 'upcoming' }))).toEqual(['Send the catalogue']);
    expect(notes(await w.router.dispatch(o, 'reminders.list', { range: 'today' }))).toEqual(['Owner only', '下午回电']);
    expect(notes(await w.router.dispatch(o, 'reminders.list', { range: 'today', mine: true }))).toEqual(['Owner only']);

    // Sales never see or touch reminders on customers they do not own; the answer is NOT_FOUND.
    expect(await w.router.dispatch(s, 'reminders.list', { customerId: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(s, 'reminders.done', { id: 4 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(s, 'reminders.add', { customerId: 2, dueAt: local(24, 9), note: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('auditor'), 'reminders.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Assignment: the owner may hand a reminder to sales only on a customer sales own.
    expect(await w.router.dispatch(o, 'reminders.add', { customerId: 2, dueAt: local(24, 9), note: 'x', assignee: 'sales1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { assignee: 'invalid' } } });
    expect(await w.router.dispatch(o, 'reminders.add', { customerId: 1, dueAt: local(23, 13), note: 'From the owner', assignee: 'sales1' })).toMatchObject({ ok: true });
    expect(await w.router.dispatch(s, 'reminders.add', { customerId: 1, dueAt: local(24, 9), note: 'x', assignee: 'owner' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    // Done and snooze.
    expect(await w.router.dispatch(s, 'reminders.done', { id: 1 })).toEqual({ ok: true, value: { done: true } });
    expect(notes(await w.router.dispatch(s, 'reminders.list', { range: 'overdue' }))).toEqual([]);
    expect(notes(await w.router.dispatch(s, 'reminders.list', { status: 'done' }))).toEqual(['Follow up on the tea order']);
    expect(await w.router.dispatch(s, 'reminders.snooze', { id: 2, until: local(23, 11) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { until: 'past' } } });
    expect(await w.router.dispatch(s, 'reminders.snooze', { id: 2, until: local(24, 10) })).toEqual({ ok: true, value: { snoozed: true } });
    expect(await w.router.dispatch(s, 'reminders.snooze', { id: 1, until: local(24, 10) })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(notes(await w.router.dispatch(s, 'reminders.list', { range: 'upcoming' }))).toEqual(['下午回电', 'Send the catalogue']);

    // Desktop notifications: each reminder that falls due is announced once, to its assignee.
    const sales = () => w.core.sessions.current('sales')!;
    expect(w.core.reminders.takeNewlyDue(sales())).toBe(0);
    clock += 2 * HOUR; // 14:00: 'From the owner' (13:00) fell due
    expect(w.core.reminders.takeNewlyDue(sales())).toBe(1);
    expect(w.core.reminders.takeNewlyDue(sales())).toBe(0);
    clock += 21 * HOUR; // next day 11:00: the snoozed one (10:00) is due again
    // Idle for 21 hours the window locked itself: nothing is announced until its user is back.
    expect(takeDueNotice(w.core.reminders, sales(), 'zh-CN')).toBeNull();
    expect(await w.router.dispatch(s, 'session.unlock', { password: PASSWORD })).toMatchObject({ ok: true });
    // The OS notification says how many, never who or what (it shows on lock screens).
    expect(takeDueNotice(w.core.reminders, sales(), 'zh-CN')).toEqual({ title: 'Coffer', body: '有 1 条跟进提醒到期。打开 Coffer 查看。' });
    expect(takeDueNotice(w.core.reminders, sales(), 'en')).toBeNull();
    await w.router.dispatch(o, 'reminders.add', { customerId: 1, dueAt: local(24, 10), note: 'x', assignee: 'sales1' });
    w.core.sessions.lock('sales');
    expect(takeDueNotice(w.core.reminders, w.core.sessions.current('sales'), 'en')).toBeNull();

    const audit = w.core.vault.db().prepare("SELECT action, count(*) AS n FROM audit_log WHERE action LIKE 'reminder.%' GROUP BY action ORDER BY action").all();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'reminder.done', n: 1 }, { action: 'reminder.snooze', n: 1 }]));
    expect(JSON.stringify(w.core.vault.db().prepare('SELECT * FROM audit_log').all())).not.toContain('下午回电');
    w.core.close();
  });

  it('the dashboard: due reminders, recently contacted, new this month and contacts per week, in scope', async () => {
    const clock = Date.parse(local(23, 12));
    const w = await accessWorld({ now: () => clock });
    const [s, m] = [w.caller('sales'), w.caller('manager')];
    await w.router.dispatch(s, 'interactions.add', { customerId: 1, kind: 'call', at: local(23, 9), summary: 'a' });
    await w.router.dispatch(s, 'interactions.add', { customerId: 1, kind: 'call', at: local(10, 9), summary: 'b' });
    await w.router.dispatch(m, 'interactions.add', { customerId: 2, kind: 'visit', at: local(22, 9), summary: 'c' });
    const sales = await w.router.dispatch(s, 'dashboard.summary', {});
    if (!sales.ok) throw new Error(sales.error.code);
    const d = sales.value as ChannelOutput<'dashboard.summary'>;
    expect(d.reminders).toMatchObject({ overdue: 1, today: 0, items: [{ note: 'Follow up on the tea order', customerName: '王伟' }] });
    expect(d.recentlyContacted).toEqual([{ id: 1, name: '王伟', lastInteractionAt: local(23, 9) }]);
    expect([d.total, d.newThisMonth, d.dormant]).toEqual([1, 1, 0]);
    expect(d.interactionsPerWeek).toHaveLength(8);
    // 2026-11-23 is a Monday: this week holds one contact, two weeks back (week of the 9th) another.
    expect(d.interactionsPerWeek.map((x) => x.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 1]);
    expect(d.interactionsPerWeek[7]!.weekStart).toBe(local(23, 0));
    const manager = await w.router.dispatch(m, 'dashboard.summary', { mine: false });
    expect(manager).toMatchObject({ ok: true, value: { total: 3, reminders: { overdue: 1, items: [{ note: 'Follow up on the tea order' }] }, recentlyContacted: [{ name: '王伟' }, { name: 'Owner Customer' }] } });
    // Mine (the default): the manager owns no customer and has no reminder of their own.
    expect(await w.router.dispatch(m, 'dashboard.summary', {})).toMatchObject({ ok: true, value: { total: 0, reminders: { overdue: 0, items: [] }, recentlyContacted: [] } });
    expect(await w.router.dispatch(w.caller('auditor'), 'dashboard.summary', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    w.core.close();
  });

  it('ID numbers and bank cards: refused and hidden while off, erased on request, audited', async () => {
    const w = await accessWorld();
    const [o, s] = [w.caller('owner'), w.caller('sales')];
    expect(await w.router.dispatch(s, 'settings.setCustomerFields', { optionalFields: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.router.dispatch(o, 'settings.setCustomerFields', { optionalFields: false })).toEqual({ ok: true, value: { optionalFields: false, erased: 0 } });
    const hidden = await w.router.dispatch(o, 'customers.get', { id: 2 });
    expect(hidden.ok && 'idNumber' in (hidden.value as object)).toBe(false);
    expect(await w.router.dispatch(o, 'customers.reveal', { id: 2, field: 'idNumber', reason: 'checking identity' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.router.dispatch(s, 'customers.create', { name: 'New', idNumber: '11010519491231002X' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { idNumber: 'disabled' } },
    });
    expect(await w.router.dispatch(s, 'settings.customerFields', {})).toEqual({ ok: true, value: { optionalFields: false } });
    // Turned back on, the stored values come back; turned off with erase, they are gone for good.
    await w.router.dispatch(o, 'settings.setCustomerFields', { optionalFields: true });
    expect(await w.router.dispatch(o, 'customers.get', { id: 2 })).toMatchObject({ ok: true, value: { idNumber: expect.stringMatching(/\*/), revealable: expect.arrayContaining(['idNumber']) } });
    // Erasing is a bulk erasure: gated by approval by default (tests/integration/field-erasure.test.ts); here it is switched off.
    expect(await w.router.dispatch(o, 'settings.setCustomerFields', { optionalFields: false, eraseExisting: true })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    approvalsOff(w.core, w.core.sessions.current('owner')!);
    expect(await w.router.dispatch(o, 'settings.setCustomerFields', { optionalFields: false, eraseExisting: true })).toEqual({ ok: true, value: { optionalFields: false, erased: 2 } });
    await w.router.dispatch(o, 'settings.setCustomerFields', { optionalFields: true });
    const erased = await w.router.dispatch(o, 'customers.get', { id: 2 });
    expect(erased.ok && 'idNumber' in (erased.value as object)).toBe(false);
    const audit = w.core.vault.db().prepare("SELECT reason FROM audit_log WHERE action = 'settings.change' AND fields = '[\"optionalFields\"]' ORDER BY id").all();
    expect(audit).toEqual([{ reason: 'on' }, { reason: 'off' }, { reason: 'on' }, { reason: 'off, erased 2' }, { reason: 'on' }]);
    w.core.close();
  });
});
