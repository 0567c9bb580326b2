import { afterEach, expect, it } from 'vitest';
import { decodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import type { ChannelInput, ChannelOutput, Role } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { accessWorld, MARKERS, type AccessWorld } from './access-helpers';

type Row = ChannelOutput<'audit.query'>[number];
const MINUTE = 60_000;
let world: AccessWorld | undefined;
afterEach(() => world?.core.close());

/**
 * The seeded world (customer 1 王伟 owned by sales1, 2 "Owner Customer") after: sales1 opens 王伟,
 * the owner reveals 王伟's mobile, a minute later the manager opens customer 2 and lists.
 */
async function worldWithActivity() {
  let t = Date.now();
  const w = await accessWorld({ now: () => t });
  world = w;
  const must = async (role: Role, channel: string, input: unknown) => {
    const result = await w.router.dispatch(w.caller(role), channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value;
  };
  await must('sales', 'customers.get', { id: 1 });
  await must('owner', 'customers.reveal', { id: 1, field: 'mobile', reason: 'calling back about the order' });
  t += MINUTE;
  const later = new Date(t).toISOString();
  t += MINUTE;
  await must('manager', 'customers.get', { id: 2 });
  await must('manager', 'customers.list', { limit: 10 });
  const query = async (role: Role, input: Partial<ChannelInput<'audit.query'>>) => (await must(role, 'audit.query', { limit: 500, ...input })) as Row[];
  return { w, must, query, later };
}

describeKeychain('the audit page: names by role and filters as lists', () => {
  it('gives customer names only to roles that may read the customer, user names to every reader, and records what it named', async () => {
    const { w, query } = await worldWithActivity();
    const reveal = (rows: Row[]) => rows.find((r) => r.action === 'customer.reveal')!;
    const owners = await query('owner', { customerId: 1 });
    expect(reveal(owners)).toMatchObject({ userName: 'Anna Example', username: 'anna', customerId: 1, customerName: '王伟', fields: ['mobile'] });
    expect(owners.find((r) => r.action === 'customer.read')).toMatchObject({ userName: 'sales one', customerName: '王伟' });
    expect((await query('manager', { customerId: 1 })).every((r) => r.customerName === '王伟')).toBe(true);
    // The auditor reads the log, not the customers: the number, never the name (nor a masked value).
    const auditors = await query('auditor', { customerId: 1 });
    expect(reveal(auditors)).toMatchObject({ userName: 'Anna Example', customerId: 1, customerName: null });
    expect(JSON.stringify(auditors)).not.toContain('王伟');
    // The mobile's digits, not just '139': a timestamp's milliseconds can read 139.
    expect(JSON.stringify(auditors)).not.toContain(MARKERS.mobile.slice(3));

    // A user row names its target by display name.
    await w.router.dispatch(w.caller('owner'), 'users.setStatus', { username: 'support1', status: 'disabled' });
    expect((await query('auditor', { group: 'users' }))[0]).toMatchObject({ action: 'user.disable', targetUserName: 'support one', userName: 'Anna Example' });

    // Each read of the log records the customers it named, and only those.
    const db = w.core.vault.db();
    const reads = db.prepare("SELECT username, customer_ids AS ids, fields FROM audit_log WHERE action = 'audit.read' ORDER BY id").all() as { username: string; ids: string | null; fields: string }[];
    expect(reads.map((r) => [r.username, decodeCustomerIds(r.ids)])).toEqual([
      ['anna', [1]],
      ['manager1', [1]],
      ['auditor1', []],
      ['auditor1', []],
    ]);
    expect(reads[0]!.fields).toBe('["customerId"]');
    expect(await w.router.dispatch(w.caller('owner'), 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  }, 120_000);

  it('filters by action group, user, customer, time and hidden reads, and pages back without repeats', async () => {
    const { query, later } = await worldWithActivity();
    const actions = (rows: Row[]) => [...new Set(rows.map((r) => r.action))].sort();

    expect(actions(await query('owner', { group: 'signIn' }))).toEqual(['login']);
    expect((await query('owner', { group: 'signIn' })).map((r) => r.username).sort()).toEqual(['auditor1', 'manager1', 'sales1', 'support1']);
    expect(actions(await query('owner', { group: 'customers', username: 'manager1' }))).toEqual(['customer.list', 'customer.read']);
    expect((await query('owner', { username: 'sales1' })).every((r) => r.username === 'sales1')).toBe(true);

    const about1 = await query('owner', { customerId: 1 });
    expect(about1.length).toBeGreaterThan(0);
    // About customer 1: the rows naming it; a list that returned it is not about it (audit.customersSeen answers who saw whom).
    expect(about1.every((r) => r.entity === 'customer' && r.recordId === '1')).toBe(true);
    expect(about1.some((r) => r.action === 'customer.list')).toBe(false);
    expect(actions(about1)).toEqual(expect.arrayContaining(['customer.create', 'customer.read', 'customer.reveal']));

    // Hiding reads keeps the reveal and the changes, and leaves out looking.
    const changes = await query('owner', { customerId: 1, hideReads: true });
    expect(actions(changes)).toContain('customer.reveal');
    expect(actions(changes)).not.toContain('customer.read');
    const noReads = await query('owner', { hideReads: true });
    for (const hidden of ['customer.read', 'customer.list', 'audit.read']) expect(actions(noReads)).not.toContain(hidden);

    // Time: only what the manager did after `later`.
    const recent = await query('owner', { from: later, group: 'customers' });
    expect(recent.map((r) => [r.username, r.action])).toEqual([
      ['manager1', 'customer.list'],
      ['manager1', 'customer.read'],
    ]);
    expect(await query('owner', { to: later, username: 'manager1', group: 'customers' })).toEqual([]);

    // Load older: pages of 3 add up to the whole answer, newest first, no row twice.
    const all = await query('owner', { hideReads: true });
    const paged: Row[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await query('owner', { hideReads: true, limit: 3, ...(beforeId ? { beforeId } : {}) });
      if (page.length === 0) break;
      paged.push(...page);
      beforeId = page[page.length - 1]!.id;
    }
    expect(paged.map((r) => r.id)).toEqual(all.map((r) => r.id));
  }, 120_000);

  it('offers the user list to the roles that read the log, by display name', async () => {
    const { w } = await worldWithActivity();
    const people = await w.router.dispatch(w.caller('auditor'), 'audit.people', {});
    expect(people).toEqual({
      ok: true,
      value: [
        { username: 'anna', displayName: 'Anna Example' },
        { username: 'auditor1', displayName: 'auditor one' },
        { username: 'manager1', displayName: 'manager one' },
        { username: 'sales1', displayName: 'sales one' },
        { username: 'support1', displayName: 'support one' },
      ],
    });
    for (const role of ['sales', 'support'] as const) {
      expect(await w.router.dispatch(w.caller(role), 'audit.people', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await w.router.dispatch(w.caller(role), 'audit.query', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await w.router.dispatch(w.caller('owner'), 'audit.query', { limit: 10, group: 'nonsense' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  }, 120_000);
});
