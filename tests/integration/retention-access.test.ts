import { describe, expect, it } from 'vitest';
import type { CustomerView } from '../../shared/customers';
import type { Dashboard } from '../../shared/dashboard';
import type { RunReport } from '../../shared/retention';
import { decodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import { setMeta } from '../../electron/core/db/meta-repository';
import { importWorld, letters, table } from './import-helpers';
import { T0, retentionWorld, type RetentionWorld } from './retention-helpers';

const NOW = '2023-01-20T10:00:00Z'; // three years and five days after every customer was created (T0)
const names = (items: readonly { name: string }[]) => items.map((c) => c.name).sort();

/**
 * Customers 1 (王伟, sales1's), 2 (Owner Customer) and 3 (To Delete) made at T0, an interaction
 * and a purchase on them at T0, then 'Fresh' (sales1's) three years later with a contact that
 * week; the rules run at NOW and mark 1, 2 and 3 dormant.
 */
async function dormantWorld(): Promise<RetentionWorld & { ids: { interaction: number; purchase: number; fresh: number } }> {
  const r = await retentionWorld();
  const interaction = (await r.value<{ id: number }>('sales', 'interactions.add', { customerId: 1, kind: 'call', at: '2020-01-15T09:00:00Z', summary: 'First call' })).id;
  const purchase = (await r.value<{ id: number }>('owner', 'purchases.add', { customerId: 2, date: '2020-01-15', item: 'Oolong', amountMinor: 5000, currency: 'CNY' })).id;
  r.at('2023-01-19T10:00:00Z');
  const fresh = r.w.core.customers.create(r.w.core.sessions.current('sales')!, { name: 'Fresh' }).id;
  await r.value('sales', 'interactions.add', { customerId: fresh, kind: 'visit', at: '2023-01-19T09:00:00Z', summary: 'Dropped in' });
  await r.turnOn();
  r.at(NOW);
  const run = await r.value<RunReport>('owner', 'retention.runNow', {});
  expect(run.marked).toBe(3);
  return Object.assign(r, { ids: { interaction, purchase, fresh } });
}

const wakes = (r: RetentionWorld) =>
  r.w.core.vault.db().prepare("SELECT username AS who, record_id AS id FROM audit_log WHERE action = 'retention.wake' ORDER BY id").all() as { who: string; id: string }[];
const dormantAt = (r: RetentionWorld, id: number) => (r.w.core.vault.db().prepare('SELECT dormant_at AS d FROM customers WHERE id = ?').get(id) as { d: string | null }).d;

describe('dormant customers are out of reach for sales and support, by id too (issue 17)', () => {
  it('every channel that takes a customer id answers NOT_FOUND, as out of scope, records the probe and wakes nobody; owner and manager still open it', async () => {
    const r = await dormantWorld();
    const notFound = { ok: false, error: { code: 'NOT_FOUND' } };
    const bySales: [string, unknown][] = [
      ['customers.get', { id: 1 }],
      ['customers.record', { id: 1 }],
      ['customers.timeline', { id: 1 }],
      ['customers.reveal', { id: 1, field: 'mobile', reason: 'calling back' }],
      ['customers.update', { id: 1, changes: { city: '杭州' } }],
      ['customers.tag', { ids: [1], add: ['tea'], remove: [] }],
      ['customers.delete', { id: 1 }],
      ['interactions.add', { customerId: 1, kind: 'call', at: '2023-01-20T09:00:00Z', summary: 'Trying' }],
      ['interactions.update', { id: r.ids.interaction, kind: 'call', at: '2023-01-20T09:00:00Z', summary: 'Moved' }],
      ['interactions.delete', { id: r.ids.interaction }],
      ['purchases.add', { customerId: 1, date: '2023-01-20', item: 'Tea', amountMinor: 100, currency: 'CNY' }],
      ['reminders.add', { customerId: 1, dueAt: '2023-02-01T09:00:00Z', note: 'Call back' }],
      ['reminders.list', { customerId: 1 }],
      ['consent.history', { customerId: 1 }],
    ];
    for (const [channel, input] of bySales) expect(await r.call('sales', channel, input), channel).toMatchObject(notFound);
    for (const [channel, input] of [['customers.get', { id: 2 }], ['customers.record', { id: 3 }], ['customers.timeline', { id: 2 }], ['reminders.add', { customerId: 2, dueAt: '2023-02-01T09:00:00Z', note: 'x' }]] as const) {
      expect(await r.call('support', channel, input), channel).toMatchObject(notFound);
    }
    // The whole phone number finds nobody either (the lookup is a search).
    expect(await r.value<{ items: CustomerView[] }>('sales', 'customers.lookup', { query: '13912345678' })).toMatchObject({ match: 'phone', items: [] });

    // Nothing changed, nobody woke, and each attempt is in the log as a probe of that id.
    expect(wakes(r)).toEqual([]);
    expect(dormantAt(r, 1)).not.toBeNull();
    const probes = r.w.core.vault.db().prepare("SELECT username AS who, record_id AS id FROM audit_log WHERE action = 'customer.probe'").all() as { who: string; id: string }[];
    expect(probes.filter((p) => p.who === 'sales1' && p.id === '1').length).toBeGreaterThanOrEqual(12);
    expect(probes.filter((p) => p.who === 'support1').length).toBe(4);

    // Owner and manager (retention.read) still open it, and the lookup still finds it for the owner.
    expect(await r.value<CustomerView>('owner', 'customers.get', { id: 1 })).toMatchObject({ name: '王伟' });
    expect((await r.value<{ customer: CustomerView }>('manager', 'customers.record', { id: 1 })).customer.name).toBe('王伟');
    expect(names((await r.value<{ items: CustomerView[] }>('owner', 'customers.lookup', { query: '13912345678' })).items)).toEqual(['Owner Customer', '王伟']);
  }, 60_000);
});

describe('the duplicate check and the import treat a dormant customer as out of scope for sales (issue 17)', () => {
  it('a matching phone is out of scope, never named, and the import dry run refuses the row (nothing to commit); the owner still matches it', async () => {
    const clock = { t: T0 };
    const world = await importWorld({ now: () => clock.t });
    setMeta(world.core.vault.db(), 'auth.idleMinutes', String(60 * 24 * 366 * 20));
    await world.call('owner', 'retention.setSettings', { enabled: true, scheduleDays: 30, noticeDays: 30 });
    clock.t = Date.parse(NOW);
    await world.call('owner', 'retention.runNow', {});

    expect(await world.call('sales', 'customers.checkDuplicates', { mobile: '13912345678', name: '王伟' })).toEqual({ duplicates: [], possible: [], outOfScope: true });
    const id = await world.open('sales', table(['姓名', '手机', '城市'], [['王伟', '13912345678', '上海']]));
    const result = await world.call('sales', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile', 'city']), choice: 'overwrite', rememberMapping: false });
    expect(result.rows).toEqual([{ row: 2, action: 'error', name: '王伟', errors: [{ code: 'duplicate_out_of_scope' }], warnings: [], match: null }]);
    // Both probes (the check, the dry run) name customers 1 (dormant) and 2 (the owner's).
    expect(world.audit('customer.probe').filter((p) => p.username === 'sales1').map((p) => decodeCustomerIds(p.customerIds))).toEqual([[1, 2], [1, 2]]);

    const owner = await world.call('owner', 'customers.checkDuplicates', { mobile: '13912345678', name: '王伟' });
    expect(owner.outOfScope).toBe(false);
    expect(names(owner.duplicates)).toEqual(['Owner Customer', '王伟']);
  }, 60_000);
});

describe('reminders and the dashboard leave dormant customers out for sales and support (issue 17)', () => {
  it('lists, tab counts (kept totals included) and the dashboard show only awake customers to sales and support; the owner sees all', async () => {
    const r = await retentionWorld();
    // Made at T0, before anyone is dormant: on 王伟 one overdue by NOW, one due on NOW's day, one done; on Owner Customer one upcoming.
    await r.value('sales', 'reminders.add', { customerId: 1, dueAt: '2022-12-01T09:00:00Z', note: 'Overdue' });
    await r.value('sales', 'reminders.add', { customerId: 1, dueAt: '2023-01-20T11:00:00Z', note: 'Today' });
    const done = (await r.value<{ id: number }>('sales', 'reminders.add', { customerId: 1, dueAt: '2021-01-01T09:00:00Z', note: 'Done' })).id;
    await r.value('sales', 'reminders.done', { id: done });
    const later = (await r.value<{ id: number }>('owner', 'reminders.add', { customerId: 2, dueAt: '2023-03-01T09:00:00Z', note: 'Upcoming', assignee: 'support1' })).id;
    r.at('2023-01-19T10:00:00Z');
    const fresh = r.w.core.customers.create(r.w.core.sessions.current('sales')!, { name: 'Fresh' }).id;
    await r.value('sales', 'interactions.add', { customerId: fresh, kind: 'visit', at: '2023-01-19T09:00:00Z', summary: 'Dropped in' });
    await r.value('sales', 'reminders.add', { customerId: fresh, dueAt: '2023-01-20T11:30:00Z', note: 'Fresh today' });
    await r.value('sales', 'reminders.add', { customerId: fresh, dueAt: '2023-01-01T09:00:00Z', note: 'Fresh overdue' });
    await r.value('owner', 'interactions.add', { customerId: 1, kind: 'call', at: '2020-01-15T09:00:00Z', summary: 'Old call' });

    // Before the run, sales sees all of its reminders (with the world's own follow-up on 王伟, upcoming).
    r.at(NOW);
    expect(await r.value('sales', 'reminders.counts', { mine: false })).toEqual({ overdue: 2, today: 2, upcoming: 1, done: 1 });
    await r.turnOn();
    await r.value('owner', 'retention.runNow', {});

    const notes = (items: readonly { note: string }[]) => items.map((i) => i.note).sort();
    expect(notes(await r.value('sales', 'reminders.list', {}))).toEqual(['Fresh overdue', 'Fresh today']);
    expect(await r.value('sales', 'reminders.list', { status: 'done' })).toEqual([]);
    expect(await r.value('sales', 'reminders.counts', { mine: false })).toEqual({ overdue: 1, today: 1, upcoming: 0, done: 0 });
    expect(await r.value('sales', 'reminders.counts', { mine: true })).toEqual({ overdue: 1, today: 1, upcoming: 0, done: 0 });
    expect(await r.value('support', 'reminders.counts', { mine: true })).toEqual({ overdue: 0, today: 0, upcoming: 0, done: 0 });
    // Support reads reminders without their notes (the free-text gate): told apart by customer.
    expect((await r.value<{ customerName: string }[]>('support', 'reminders.list', {})).map((i) => i.customerName)).toEqual(['Fresh', 'Fresh']);
    // A reminder of a dormant customer cannot be done or snoozed by id either.
    expect(await r.call('support', 'reminders.snooze', { id: later, until: '2023-04-01T09:00:00Z' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const sales = await r.value<Dashboard>('sales', 'dashboard.summary', { mine: false });
    expect(sales.reminders).toMatchObject({ overdue: 1, today: 1 });
    expect(notes(sales.reminders.items)).toEqual(['Fresh overdue', 'Fresh today']);
    expect(names(sales.recentlyContacted)).toEqual(['Fresh']);
    const support = await r.value<Dashboard>('support', 'dashboard.summary', { mine: false });
    expect(names(support.recentlyContacted)).toEqual(['Fresh']);
    expect(support.reminders.items.every((i) => i.customerId === fresh)).toBe(true);

    // The owner sees every reminder and every customer, dormant or not.
    expect(await r.value('owner', 'reminders.counts', { mine: false })).toEqual({ overdue: 2, today: 2, upcoming: 2, done: 1 });
    const owner = await r.value<Dashboard>('owner', 'dashboard.summary', { mine: false });
    expect(owner.reminders).toMatchObject({ overdue: 2, today: 2 });
    expect(names(owner.recentlyContacted)).toEqual(['Fresh', '王伟']);
  }, 60_000);

  it('the filter menus (tags, levels, owners) count only the customers a sales or support user can list; the owner counts all', async () => {
    const r = await retentionWorld();
    await r.value('sales', 'customers.tag', { ids: [1], add: ['tea'], remove: [] });
    r.at('2023-01-19T10:00:00Z');
    const fresh = r.w.core.customers.create(r.w.core.sessions.current('sales')!, { name: 'Fresh', tags: ['tea'] }).id;
    await r.value('sales', 'interactions.add', { customerId: fresh, kind: 'visit', at: '2023-01-19T09:00:00Z', summary: 'Dropped in' });
    r.at(NOW);
    await r.turnOn();
    await r.value('owner', 'retention.runNow', {});
    expect(dormantAt(r, 1)).not.toBeNull();

    type Menus = { levels: { count: number }[]; tags: { value: string; count: number }[]; owners: { username: string; count: number }[] };
    const total = (values: { count: number }[]) => values.reduce((sum, v) => sum + v.count, 0);
    const sales = await r.value<Menus>('sales', 'customers.filterValues', {});
    expect(sales.tags).toEqual([{ value: 'tea', count: 1 }]);
    expect(total(sales.levels)).toBe(1);
    expect(sales.owners.map((o) => [o.username, o.count])).toEqual([['sales1', 1]]);
    expect(await r.value('sales', 'customers.tags', {})).toEqual([{ tag: 'tea', count: 1 }]);
    // What the menu promises is what the list gives.
    expect(names((await r.value<{ items: CustomerView[] }>('sales', 'customers.list', { limit: 50, filters: { tag: 'tea' } })).items)).toEqual(['Fresh']);
    expect(total((await r.value<Menus>('support', 'customers.filterValues', {})).levels)).toBe(1);

    const owner = await r.value<Menus>('owner', 'customers.filterValues', {});
    expect(owner.tags.find((t) => t.value === 'tea')).toEqual({ value: 'tea', count: 2 });
    expect(total(owner.levels)).toBe((r.w.core.vault.db().prepare('SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL').get() as { n: number }).n);
    expect((await r.value<{ tag: string; count: number }[]>('owner', 'customers.tags', {})).find((t) => t.tag === 'tea')).toEqual({ tag: 'tea', count: 2 });
  }, 60_000);
});

describe('waking from a change of date or a merge (issue 17)', () => {
  it('an interaction or purchase date corrected to recent wakes the customer (audited); corrected further back it stays dormant', async () => {
    const r = await dormantWorld();
    await r.value('owner', 'interactions.update', { id: r.ids.interaction, kind: 'call', at: '2019-06-01T09:00:00Z', summary: 'First call' });
    expect(dormantAt(r, 1)).not.toBeNull();
    // A summary edit moves no date: still dormant.
    await r.value('manager', 'interactions.update', { id: r.ids.interaction, kind: 'call', at: '2019-06-01T09:00:00Z', summary: 'First call, corrected' });
    expect(wakes(r)).toEqual([]);

    await r.value('manager', 'interactions.update', { id: r.ids.interaction, kind: 'call', at: '2023-01-18T09:00:00Z', summary: 'First call, corrected' });
    expect(dormantAt(r, 1)).toBeNull();
    expect(wakes(r)).toEqual([{ who: 'manager1', id: '1' }]);
    expect(names((await r.value<{ items: CustomerView[] }>('sales', 'customers.list', { limit: 50 })).items)).toEqual(['Fresh', '王伟']);

    await r.value('owner', 'purchases.update', { id: r.ids.purchase, date: '2023-01-17', item: 'Oolong', amountMinor: 5000, currency: 'CNY' });
    expect(dormantAt(r, 2)).toBeNull();
    expect(wakes(r)).toEqual([{ who: 'manager1', id: '1' }, { who: 'anna', id: '2' }]);
  }, 60_000);

  it('merging a recently contacted customer into a dormant one wakes the one kept', async () => {
    const r = await dormantWorld();
    await r.value('owner', 'customers.merge', { survivorId: 3, ids: [3, r.ids.fresh] });
    expect(dormantAt(r, 3)).toBeNull();
    expect(wakes(r)).toEqual([{ who: 'anna', id: '3' }]);
  }, 60_000);
});
