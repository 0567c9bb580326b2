import { expect, it } from 'vitest';
import type { Role } from '../../shared/contract';
import { addMonths } from '../../electron/core/customers/quality-service';
import { decodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import { getMeta } from '../../electron/core/db/meta-repository';
import { describeKeychain } from '../support/keyring';
import { MARKERS, PASSWORD, accessWorld, type AccessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-01-10T09:00:00Z');

/**
 * The access world (1 王伟: sales, 2 Owner Customer: owner, both with the same marker phone and
 * e-mail; 3 To Delete: owner, name only) plus a book with every kind of finding, all made at START.
 */
async function qualityWorld() {
  const clock = { at: START };
  const world = await accessWorld({ now: () => clock.at });
  const owner = world.core.sessions.current('owner')!;
  const sales = world.core.sessions.current('sales')!;
  const make = (who: typeof owner, name: string, input: Record<string, string> = {}) => world.core.customers.create(who, { name, ...input }).id;
  const ids = {
    aliceA: make(owner, 'Alice', { email: 'alice@example.com', mobile: '13600000001' }),
    aliceB: make(owner, 'Alice Wong', { email: 'ALICE@Example.com ', mobile: '13600000002' }),
    // Same name; A~B by company (suffix dropped), A~C by city (市 dropped): one group of three.
    linaA: make(owner, '李娜', { company: '杭州茶叶有限公司', city: '杭州市' }),
    linaB: make(owner, '李娜', { company: '杭州茶叶' }),
    linaC: make(owner, '李 娜', { city: '杭州' }),
    linaD: make(owner, '李娜', { city: '北京' }),
    // Same name as sales' 王伟 but another city: a name alone is never a duplicate.
    wangOwner: make(owner, '王伟', { city: '北京' }),
    // A phone shared across owners: the manager sees the pair, the salesperson nothing.
    zhangSales: make(sales, '张三', { mobile: '13800000001' }),
    zhangOwner: make(owner, '张三丰', { phone: '+86 138 0000 0001' }),
    // Two of the salesperson's own sharing a number (mobile on one, phone on the other).
    zhaoA: make(sales, '赵六', { phone: '13700000002' }),
    zhaoB: make(sales, '赵六六', { mobile: '137 0000 0002' }),
    salesNameOnly: make(sales, 'Sales Nameonly'),
  };
  return { world, clock, ids };
}

type Dup = { groups: { kind: string; members: { id: number; name: string; ownerUsername: string; company?: string; city?: string }[] }[]; total: number; counts: Record<string, number> };
async function duplicates(world: AccessWorld, role: Role, input: object = { limit: 100 }): Promise<Dup> {
  const result = await world.router.dispatch(world.caller(role), 'customers.qualityDuplicates', input);
  if (!result.ok) throw new Error(`${role}: ${result.error.code}`);
  return result.value as Dup;
}
const memberIds = (d: Dup) => d.groups.map((g) => `${g.kind}:${g.members.map((m) => m.id).join(',')}`);

const auditRows = (world: AccessWorld, action: string) =>
  world.core.vault.db().prepare('SELECT username, outcome, fields, reason, customer_ids AS customerIds FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    username: string;
    outcome: string;
    fields: string | null;
    reason: string | null;
    customerIds: string | null;
  }[];

/** After the clock jumps months ahead the sessions have idled into the lock screen: sign back in. */
async function wake(world: AccessWorld, ...roles: Role[]): Promise<void> {
  for (const role of roles) await world.router.dispatch(world.caller(role), 'session.unlock', { password: PASSWORD });
}

describeKeychain('data quality of the book', () => {
  it('duplicates: same phone, same e-mail, then same name with company or city; in the manager\'s scope the whole book', async () => {
    const { world, ids } = await qualityWorld();
    const found = await duplicates(world, 'manager');
    expect(memberIds(found)).toEqual([
      // Phone keys sort as E.164 text: +8613700000002, +8613800000001, then the marker numbers.
      `same-phone:${ids.zhaoA},${ids.zhaoB}`,
      `same-phone:${ids.zhangSales},${ids.zhangOwner}`,
      'same-phone:1,2',
      `same-email:${ids.aliceA},${ids.aliceB}`,
      `possible:${ids.linaA},${ids.linaB},${ids.linaC}`,
    ]);
    expect(found.total).toBe(5);
    expect(found.counts).toEqual({ 'same-phone': 3, 'same-email': 1, possible: 1 });
    // Members carry what tells them apart, never a contact detail.
    expect(found.groups[4]!.members[0]).toEqual({ id: ids.linaA, name: '李娜', company: '杭州茶叶有限公司', city: '杭州市', ownerUsername: expect.any(String), updatedAt: '2026-01-10T09:00:00.000Z' });
    const text = JSON.stringify(found);
    for (const marker of Object.values(MARKERS)) expect(text).not.toContain(marker);
    expect(text).not.toContain('13800000001');
    expect(text).not.toContain('alice@example.com');
    world.core.close();
  }, 180_000);

  it('sales sees only groups inside their own book: a pair reaching another owner is not shown, or hinted at', async () => {
    const { world, ids } = await qualityWorld();
    const found = await duplicates(world, 'sales');
    expect(memberIds(found)).toEqual([`same-phone:${ids.zhaoA},${ids.zhaoB}`]);
    expect(found.total).toBe(1);
    expect(JSON.stringify(found)).not.toContain('张三');
    world.core.close();
  }, 180_000);

  it('pages through the groups with a stable total; support (read only) and auditor are refused the review list', async () => {
    const { world } = await qualityWorld();
    const all = memberIds(await duplicates(world, 'owner'));
    const paged: string[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const page = await duplicates(world, 'owner', { offset, limit: 2 });
      expect(page.total).toBe(5);
      paged.push(...memberIds(page));
    }
    expect(paged).toEqual(all);
    for (const role of ['support', 'auditor'] as const) {
      expect(await world.router.dispatch(world.caller(role), 'customers.qualityDuplicates', {}), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const support = world.core.sessions.current('support')!;
    expect(() => world.core.quality.duplicates(support, { offset: 0, limit: 10 })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(await world.router.dispatch(world.caller('owner'), 'customers.qualityDuplicates', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    world.core.close();
  }, 180_000);

  it('a deleted customer leaves its group; a changed phone moves a customer out', async () => {
    const { world, ids } = await qualityWorld();
    const owner = world.core.sessions.current('owner')!;
    world.core.customers.remove(owner, ids.linaC);
    world.core.customers.update(owner, ids.aliceB, { email: 'other@example.com' });
    const kinds = memberIds(await duplicates(world, 'owner'));
    expect(kinds).toContain(`possible:${ids.linaA},${ids.linaB}`);
    expect(kinds.some((k) => k.startsWith('same-email'))).toBe(false);
    world.core.close();
  }, 180_000);

  it('missing fields: no mobile, phone or e-mail; name-only when nothing else is known either; scoped', async () => {
    const { world, ids } = await qualityWorld();
    const missing = async (role: Role, input: object = { limit: 100 }) => {
      const result = await world.router.dispatch(world.caller(role), 'customers.qualityMissing', input);
      if (!result.ok) throw new Error(result.error.code);
      return result.value as { items: { id: number; missing: string }[]; total: number; counts: Record<string, number> };
    };
    const all = await missing('owner');
    const expected = new Map([
      [3, 'name-only'],
      [ids.linaA, 'no-contact'],
      [ids.linaB, 'no-contact'],
      [ids.linaC, 'no-contact'],
      [ids.linaD, 'no-contact'],
      [ids.wangOwner, 'no-contact'],
      [ids.salesNameOnly, 'name-only'],
    ]);
    expect(new Map(all.items.map((i) => [i.id, i.missing]))).toEqual(expected);
    expect(all.counts).toEqual({ 'no-contact': 7, 'name-only': 2 });
    expect(all.total).toBe(7);
    const sales = await missing('sales');
    expect(sales.items.map((i) => [i.id, i.missing])).toEqual([[ids.salesNameOnly, 'name-only']]);
    expect(sales.counts).toEqual({ 'no-contact': 1, 'name-only': 1 });
    // Support reads the whole book's basic fields: allowed, nothing sensitive in the answer.
    expect((await missing('support')).total).toBe(7);
    const firstTwo = await missing('owner', { offset: 0, limit: 2 });
    const rest = await missing('owner', { offset: 2, limit: 10 });
    expect([...firstTwo.items, ...rest.items].map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    expect(await world.router.dispatch(world.caller('auditor'), 'customers.qualityMissing', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    world.core.close();
  }, 180_000);

  it('stale: neither changed nor contacted for a year, with an injected clock; a recent contact or edit keeps a record off', async () => {
    const { world, clock, ids } = await qualityWorld();
    const stale = async (role: Role, input: object = { limit: 100 }) => {
      const result = await world.router.dispatch(world.caller(role), 'customers.qualityStale', input);
      if (!result.ok) throw new Error(result.error.code);
      return result.value as { items: { id: number; lastInteractionAt: string | null; updatedAt: string }[]; total: number };
    };
    clock.at = START + 364 * DAY;
    await wake(world, 'owner', 'sales');
    expect((await stale('owner')).total).toBe(0);
    clock.at = START + 200 * DAY;
    await wake(world, 'owner');
    world.core.timeline.addInteraction(world.core.sessions.current('owner')!, ids.aliceA, { kind: 'call', at: new Date(clock.at).toISOString(), summary: 'Called about the order' });
    world.core.customers.update(world.core.sessions.current('owner')!, ids.linaD, { notes: 'still here' });
    clock.at = START + 366 * DAY;
    await wake(world, 'owner', 'sales');
    const all = await stale('owner');
    const everyone = (world.core.vault.db().prepare('SELECT id FROM customers WHERE deleted_at IS NULL').all() as { id: number }[]).map((r) => r.id);
    expect(all.items.map((i) => i.id).sort((a, b) => a - b)).toEqual(everyone.filter((id) => id !== ids.aliceA && id !== ids.linaD).sort((a, b) => a - b));
    expect(all.total).toBe(everyone.length - 2);
    expect(all.items.every((i) => i.updatedAt === '2026-01-10T09:00:00.000Z' && i.lastInteractionAt === null)).toBe(true);
    // Sales: own book only.
    const sales = await stale('sales');
    expect(sales.items.map((i) => i.id).sort((a, b) => a - b)).toEqual([1, ids.zhangSales, ids.zhaoA, ids.zhaoB, ids.salesNameOnly].sort((a, b) => a - b));
    // Two years for the cutoff: nothing is that old yet.
    expect((await stale('owner', { days: 730 })).total).toBe(0);
    expect(await world.router.dispatch(world.caller('owner'), 'customers.qualityStale', { days: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    world.core.close();
  }, 180_000);

  it('the quarterly reminder: not due before three months from the vault\'s start, due after; marking it done restarts the quarter; owner and manager only', async () => {
    const { world, clock } = await qualityWorld();
    const dashboard = async (role: Role) => {
      const result = await world.router.dispatch(world.caller(role), 'dashboard.summary', {});
      if (!result.ok) throw new Error(result.error.code);
      return (result.value as { qualityReview: { due: boolean; lastReviewedAt: string | null; nextDueAt: string } | null }).qualityReview;
    };
    // Before any review the quarter counts from the vault's creation (setup writes it to meta).
    const born = getMeta(world.core.vault.db(), 'created_at')!;
    const firstDue = addMonths(new Date(born), 3).getTime();
    expect(firstDue - Date.parse(born)).toBeGreaterThanOrEqual(89 * DAY);
    expect(await dashboard('owner')).toEqual({ due: false, lastReviewedAt: null, nextDueAt: new Date(firstDue).toISOString() });
    clock.at = firstDue - 1000;
    await wake(world, 'owner', 'manager', 'sales', 'support', 'auditor');
    expect((await dashboard('manager'))?.due).toBe(false);
    clock.at = firstDue;
    expect((await dashboard('manager'))?.due).toBe(true);
    expect(await dashboard('sales')).toBeNull();
    expect(await dashboard('support')).toBeNull();

    for (const role of ['sales', 'support', 'auditor'] as const) {
      expect(await world.router.dispatch(world.caller(role), 'customers.qualityReviewed', {}), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await dashboard('owner')).toMatchObject({ due: true, lastReviewedAt: null });

    clock.at = firstDue + 22 * DAY;
    await wake(world, 'owner', 'manager');
    const reviewedAt = new Date(clock.at).toISOString();
    const nextDueAt = addMonths(new Date(clock.at), 3).toISOString();
    const marked = await world.router.dispatch(world.caller('manager'), 'customers.qualityReviewed', {});
    expect(marked).toEqual({ ok: true, value: { reviewedAt, nextDueAt } });
    expect(await dashboard('owner')).toEqual({ due: false, lastReviewedAt: reviewedAt, nextDueAt });
    clock.at = Date.parse(nextDueAt) - 60_000;
    await wake(world, 'owner');
    expect((await dashboard('owner'))?.due).toBe(false);
    clock.at = Date.parse(nextDueAt);
    expect((await dashboard('owner'))?.due).toBe(true);

    const changes = auditRows(world, 'settings.change').filter((r) => r.fields?.includes('quality.reviewedAt'));
    expect(changes).toEqual([{ username: 'manager1', outcome: 'ok', fields: '["quality.reviewedAt"]', reason: null, customerIds: null }]);
    world.core.close();
  }, 180_000);

  it('quarters are calendar months: the end of November comes round at the end of February', () => {
    expect(addMonths(new Date('2026-11-30T12:00:00Z'), 3).toISOString()).toBe('2027-02-28T12:00:00.000Z');
    expect(addMonths(new Date('2027-11-30T12:00:00Z'), 3).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T00:00:00Z'), 3).toISOString()).toBe('2026-04-30T00:00:00.000Z');
  });

  it('every list read is audited with the ids it showed and no personal data', async () => {
    const { world, ids } = await qualityWorld();
    await duplicates(world, 'sales');
    await world.router.dispatch(world.caller('owner'), 'customers.qualityMissing', { limit: 2 });
    await world.router.dispatch(world.caller('manager'), 'customers.qualityStale', {});
    const searches = auditRows(world, 'customer.search').filter((r) => r.fields === '["quality.duplicates"]');
    expect(searches.map((r) => ({ ...r, customerIds: decodeCustomerIds(r.customerIds) }))).toEqual([{ username: 'sales1', outcome: 'ok', fields: '["quality.duplicates"]', reason: null, customerIds: [ids.zhaoA, ids.zhaoB] }]);
    const lists = auditRows(world, 'customer.list').filter((r) => r.fields?.startsWith('["quality.'));
    expect(lists.map((r) => [r.username, r.fields])).toEqual([
      [OWNER.username, '["quality.missing"]'],
      ['manager1', '["quality.stale"]'],
    ]);
    expect(decodeCustomerIds(lists[0]!.customerIds)).toHaveLength(2);
    const log = JSON.stringify(world.core.vault.db().prepare('SELECT * FROM audit_log').all());
    for (const value of ['李娜', '张三', 'alice@example.com', '13800000001', ...Object.values(MARKERS)]) expect(log).not.toContain(value);
    world.core.close();
  }, 180_000);
});
