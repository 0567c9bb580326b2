import { expect, it } from 'vitest';
import type { ReminderCounts } from '../../shared/reminders';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';

/** 2026-11-23 (a Monday) at this local hour. */
const local = (day: number, hour: number) => new Date(2026, 10, day, hour).toISOString();

describeKeychain('reminder tab counts and Mine / Everyone', () => {
  it('count each tab in the caller’s scope, agree with the lists and the dashboard, and page past 500 without a silent cap', async () => {
    const clock = Date.parse(local(23, 12));
    const w = await accessWorld({ now: () => clock });
    const [o, s, m] = [w.caller('owner'), w.caller('sales'), w.caller('manager')];
    // Seeded: sales' overdue reminder on customer 1 (2026-11-01). Add: the owner's own reminder
    // due today on customer 2, one for sales on 1 due tomorrow, and one the owner hands to sales.
    await w.router.dispatch(o, 'reminders.add', { customerId: 2, dueAt: local(23, 15), note: 'today' });
    await w.router.dispatch(s, 'reminders.add', { customerId: 1, dueAt: local(24, 9), note: 'tomorrow' });
    await w.router.dispatch(o, 'reminders.add', { customerId: 1, dueAt: local(23, 16), note: 'handed', assignee: 'sales1' });
    const done = await w.router.dispatch(s, 'reminders.add', { customerId: 1, dueAt: local(20, 9), note: 'finished' });
    await w.router.dispatch(s, 'reminders.done', { id: (done as { value: { id: number } }).value.id });

    const counts = async (who: { senderId: string }, mine: boolean) => {
      const got = await w.router.dispatch(who, 'reminders.counts', { mine });
      if (!got.ok) throw new Error(got.error.code);
      return got.value as ReminderCounts;
    };
    expect(await counts(o, false)).toEqual({ overdue: 1, today: 2, upcoming: 1, done: 1 });
    expect(await counts(o, true)).toEqual({ overdue: 0, today: 1, upcoming: 0, done: 0 });
    expect(await counts(m, true)).toEqual({ overdue: 0, today: 0, upcoming: 0, done: 0 });
    // Sales see their own customers' reminders only, whoever they are assigned to.
    expect(await counts(s, false)).toEqual({ overdue: 1, today: 1, upcoming: 1, done: 1 });
    expect(await w.router.dispatch(w.caller('auditor'), 'reminders.counts', { mine: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The dashboard's due counts are the same numbers in the same scope.
    for (const [who, mine] of [[o, false], [o, true], [s, false]] as const) {
      const c = await counts(who, mine);
      expect(await w.router.dispatch(who, 'dashboard.summary', { mine }), `${who.senderId} ${mine}`).toMatchObject({ ok: true, value: { reminders: { overdue: c.overdue, today: c.today } } });
      const today = await w.router.dispatch(who, 'reminders.list', { range: 'today', mine });
      expect((today as { value: unknown[] }).value).toHaveLength(c.today);
    }

    // A customer in the recycle bin takes its reminders out of every count.
    await w.router.dispatch(o, 'customers.delete', { id: 2 });
    expect(await counts(o, false)).toEqual({ overdue: 1, today: 1, upcoming: 1, done: 1 });

    // 600 upcoming: a page of 500, then the 100 after it; the count says 601.
    const db = w.core.vault.db();
    db.transaction(() => {
      for (let i = 0; i < 600; i++) db.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (1, ?, ?, 'bulk', 1, 'now')").run(w.userIds.sales, local(25 + (i % 3), 9));
    })();
    expect((await counts(s, false)).upcoming).toBe(601);
    const first = await w.router.dispatch(s, 'reminders.list', { range: 'upcoming', limit: 500 });
    const next = await w.router.dispatch(s, 'reminders.list', { range: 'upcoming', limit: 500, offset: 500 });
    const ids = [...(first as { value: { id: number }[] }).value, ...(next as { value: { id: number }[] }).value].map((r) => r.id);
    expect(ids).toHaveLength(601);
    expect(new Set(ids).size).toBe(601);
    w.core.close();
  });
});
