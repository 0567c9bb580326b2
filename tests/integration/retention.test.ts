import { describe, expect, it } from 'vitest';
import type { CustomerView } from '../../shared/customers';
import type { DryRun, RetentionOverview, RunReport } from '../../shared/retention';
import { kinds, retentionWorld } from './retention-helpers';

const names = (items: readonly CustomerView[]) => items.map((c) => c.name).sort();

describe('retention rules on a fake clock (issue 17)', () => {
  it('dormant at 3 years, proposed at 5, an industry override of 8, a hold exempts; nothing changes until the owner turns the rules on and runs them', async () => {
    const r = await retentionWorld();
    r.create('Deco Ding', { industry: 'decoration' });
    const heldId = r.create('Held He');
    await r.value('owner', 'privacy.setHold', { customerId: heldId, hold: true });
    await r.value('owner', 'retention.saveRule', { scope: 'industry', match: 'decoration', dormantYears: 3, proposeYears: 8, action: 'anonymise' });

    r.at('2023-01-14T10:00:00Z'); // a day short of three years
    expect((await r.dryRun()).total).toBe(0);
    // The due-soon list names who turns dormant within 30 days (the held customer never), and says until when.
    const soon = await r.value<DryRun>('manager', 'retention.dryRun', { upcoming: true });
    expect(kinds(soon)).toEqual({ 王伟: 'dormant', 'Owner Customer': 'dormant', 'To Delete': 'dormant', 'Deco Ding': 'dormant' });
    expect(soon.upcomingUntil).toBe('2023-02-13T10:00:00.000Z');
    expect(r.w.core.vault.db().prepare("SELECT fields FROM audit_log WHERE action = 'retention.dryRun' ORDER BY id DESC LIMIT 1").get()).toEqual({ fields: '["upcoming"]' });
    expect(await r.call('sales', 'retention.dryRun', { upcoming: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await r.call('owner', 'retention.dryRun', { upcoming: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    r.at('2023-01-16T10:00:00Z');
    const dry = await r.dryRun();
    expect(kinds(dry)).toEqual({ 王伟: 'dormant', 'Owner Customer': 'dormant', 'To Delete': 'dormant', 'Deco Ding': 'dormant', 'Held He': 'held' });
    // Why: the last contact (never contacted: the day it was created).
    expect(dry.customers.every((c) => c.lastContactAt.startsWith('2020-01-15'))).toBe(true);
    expect(dry.customers.find((c) => c.name === 'Held He')).toMatchObject({ kind: 'held', heldFor: 'legal-hold' });
    expect(dry.customers.filter((c) => c.kind !== 'held').every((c) => c.heldFor === null)).toBe(true);
    // A data-subject request still open exempts the customer like a hold; answered, the rules reach it again.
    const request = await r.value<{ id: number }>('owner', 'privacyRequests.create', { type: 'access', receivedOn: '2023-01-16', channel: 'in-store', customerIds: [1] });
    expect((await r.dryRun()).customers.find((c) => c.id === 1)).toMatchObject({ kind: 'held', heldFor: 'open-request' });
    r.w.core.vault.db().prepare("UPDATE privacy_requests SET state = 'answered' WHERE id = ?").run(request.id);
    expect((await r.dryRun()).customers.find((c) => c.id === 1)).toMatchObject({ kind: 'dormant', heldFor: null });
    const overview = await r.value<RetentionOverview>('owner', 'retention.overview', {});
    const defaultRule = overview.rules.find((x) => x.scope === 'default')!;
    const deco = overview.rules.find((x) => x.scope === 'industry')!;
    expect(defaultRule).toMatchObject({ dormantYears: 3, proposeYears: 5, action: 'anonymise' });
    expect(dry.counts).toEqual(expect.arrayContaining([{ ruleId: defaultRule.id, dormant: 3, propose: 0, held: 1 }, { ruleId: deco.id, dormant: 1, propose: 0, held: 0 }]));

    // Off by default: the dry run changed nothing, and a run is refused.
    expect(overview.settings.enabled).toBe(false);
    expect(overview.dormant).toBe(0);
    expect(await r.call('owner', 'retention.runNow', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { retention: 'off' } } });
    expect(await r.call('manager', 'retention.setSettings', { enabled: true, scheduleDays: 30, noticeDays: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await r.turnOn();
    const run = await r.value<RunReport>('owner', 'retention.runNow', {});
    expect(run).toMatchObject({ trigger: 'manual', marked: 4, released: 0, proposed: 0, held: 1, batchId: null });

    // Hidden from sales and support (list, count and search), still there for the owner and in the manager's dormant view.
    const sales = await r.value<{ items: CustomerView[]; total: number }>('sales', 'customers.list', { limit: 50 });
    expect(sales.total).toBe(0);
    expect(await r.value<CustomerView[]>('sales', 'customers.search', { query: '王伟' })).toEqual([]);
    expect(names((await r.value<{ items: CustomerView[] }>('support', 'customers.list', { limit: 50 })).items)).toEqual(['Held He']);
    expect((await r.value<{ items: CustomerView[] }>('owner', 'customers.list', { limit: 50 })).items).toHaveLength(5);
    const dormant = await r.value<{ items: { name: string; dormantSince: string }[]; total: number }>('manager', 'retention.dormant', { limit: 50 });
    expect(dormant.total).toBe(4);
    expect(dormant.items.map((i) => i.dormantSince)).toEqual(Array(4).fill('2023-01-16T10:00:00.000Z'));
    expect(await r.call('sales', 'retention.dormant', { limit: 50 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Five years: the default rule proposes; the decoration override (8 years) keeps Deco dormant only.
    r.at('2025-01-16T10:00:00Z');
    expect(kinds(await r.dryRun())).toMatchObject({ 'Owner Customer': 'propose', 'Deco Ding': 'dormant', 'Held He': 'held' });
    // Released from the hold: the rules reach the customer at the next run.
    await r.value('owner', 'privacy.setHold', { customerId: heldId, hold: false });
    const second = await r.value<RunReport>('owner', 'retention.runNow', {});
    expect(second).toMatchObject({ marked: 1, proposed: 4, held: 0 });
    const batch = await r.batch(second.batchId!);
    expect(batch).toMatchObject({ state: 'proposed', total: 4, pending: 4 });

    r.at('2028-01-16T10:00:00Z');
    expect(kinds(await r.dryRun())['Deco Ding']).toBe('propose');
  }, 60_000);

  it('a new interaction wakes a dormant customer (audited) and takes it out of the open proposal', async () => {
    const r = await retentionWorld();
    await r.turnOn();
    r.at('2025-02-01T10:00:00Z');
    const run = await r.value<RunReport>('owner', 'retention.runNow', {});
    expect(run.proposed).toBe(3);
    // Sales cannot reach a dormant customer (retention-access.test.ts): the manager records the call.
    await r.value('manager', 'interactions.add', { customerId: 1, kind: 'call', at: '2025-02-01T09:00:00Z', summary: 'Called back about tea' });
    expect(names((await r.value<{ items: CustomerView[] }>('sales', 'customers.list', { limit: 50 })).items)).toEqual(['王伟']);
    expect(await r.batch(run.batchId!)).toMatchObject({ pending: 2, skipped: 1 });
    const db = r.w.core.vault.db();
    expect(db.prepare("SELECT username AS who, record_id AS id FROM audit_log WHERE action = 'retention.wake'").all()).toEqual([{ who: 'manager1', id: '1' }]);
    // A purchase wakes too; the dry run now dates the customer from it.
    await r.value('owner', 'purchases.add', { customerId: 2, date: '2025-01-30', item: 'Oolong', amountMinor: 5000, currency: 'CNY' });
    expect(db.prepare('SELECT dormant_at AS d FROM customers WHERE id = 2').get()).toEqual({ d: null });
    expect((await r.dryRun()).customers.find((c) => c.id === 2)).toBeUndefined();
  }, 60_000);

  it('the schedule (monthly) only marks and proposes, and each run leaves a report', async () => {
    const r = await retentionWorld();
    r.at('2025-02-01T10:00:00Z');
    expect(r.w.core.retention.tick()).toBeNull(); // off
    await r.turnOn();
    const first = r.w.core.retention.tick()!;
    expect(first).toMatchObject({ trigger: 'schedule', marked: 3, proposed: 3 });
    r.later(29);
    expect(r.w.core.retention.tick()).toBeNull();
    r.later(2);
    // The open proposal is not proposed twice, and nothing was anonymised.
    expect(r.w.core.retention.tick()).toMatchObject({ trigger: 'schedule', marked: 0, proposed: 3, batchId: null });
    expect(await r.batch(first.batchId!)).toMatchObject({ state: 'proposed', pending: 3, erased: 0 });
    const runs = await r.value<{ runs: RunReport[] }>('manager', 'retention.runs', {});
    expect(runs.runs.map((x) => x.trigger)).toEqual(['schedule', 'schedule']);
  }, 60_000);
});
