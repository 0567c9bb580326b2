import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { accessWorld, type AccessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

const owners = (world: AccessWorld) =>
  Object.fromEntries((world.core.vault.db().prepare('SELECT c.name, u.username FROM customers c JOIN users u ON u.id = c.owner_id ORDER BY c.id').all() as { name: string; username: string }[]).map((r) => [r.name, r.username]));
const lastAuditId = (world: AccessWorld) => (world.core.vault.db().prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
const auditSince = (world: AccessWorld, since: number) =>
  world.core.vault.db().prepare("SELECT username, action, record_id AS recordId, outcome, fields, reason FROM audit_log WHERE id > ? AND action = 'customer.owner' ORDER BY id").all(since) as {
    username: string;
    action: string;
    recordId: string | null;
    outcome: string;
    fields: string | null;
    reason: string | null;
  }[];

const BEFORE = { 王伟: 'sales1', 'Owner Customer': OWNER.username, 'To Delete': OWNER.username };

describeKeychain('handing customers to another owner (customers.setOwner)', () => {
  it('a manager hands a leaver\'s customers over by filter; every customer gets an audit row with old and new owner ids', async () => {
    const world = await accessWorld();
    const since = lastAuditId(world);
    const result = await world.router.dispatch(world.caller('manager'), 'customers.setOwner', { filters: { owner: 'sales1' }, expectCount: 1, toUsername: 'manager1' });
    expect(result).toEqual({ ok: true, value: { changed: 1, toUsername: 'manager1' } });
    expect(owners(world)).toEqual({ ...BEFORE, 王伟: 'manager1' });
    const got = await world.router.dispatch(world.caller('manager'), 'customers.get', { id: 1 });
    expect(got).toMatchObject({ ok: true, value: { ownerUsername: 'manager1' } });
    // The leaver no longer sees it; the new owner's scope now holds it.
    expect(await world.router.dispatch(world.caller('sales'), 'customers.get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(auditSince(world, since)).toEqual([
      { username: 'manager1', action: 'customer.owner', recordId: '1', outcome: 'ok', fields: '["owner","reminders.owner"]', reason: `user ${world.userIds.sales} -> user ${world.userIds.manager}` },
    ]);
    // The leaver's open follow-up on it now waits on the new owner.
    expect(world.core.vault.db().prepare('SELECT owner_id AS ownerId FROM reminders WHERE customer_id = 1').all()).toEqual([{ ownerId: world.userIds.manager }]);
    world.core.close();
  });

  it('the owner hands chosen customers to a sales user by id; ones already theirs are not rewritten', async () => {
    const world = await accessWorld();
    const since = lastAuditId(world);
    const result = await world.router.dispatch(world.caller('owner'), 'customers.setOwner', { ids: [1, 2, 3, 2], toUsername: 'sales1' });
    expect(result).toEqual({ ok: true, value: { changed: 2, toUsername: 'sales1' } });
    expect(owners(world)).toEqual({ 王伟: 'sales1', 'Owner Customer': 'sales1', 'To Delete': 'sales1' });
    expect(auditSince(world, since).map((r) => [r.recordId, r.reason])).toEqual([
      ['2', `user 1 -> user ${world.userIds.sales}`],
      ['3', `user 1 -> user ${world.userIds.sales}`],
    ]);
    const list = await world.router.dispatch(world.caller('sales'), 'customers.list', { limit: 50 });
    expect(list.ok && (list.value as { items: unknown[] }).items).toHaveLength(3);
    world.core.close();
  });

  it('a selection that changed since it was counted is refused, changes nothing, and the refusal is on record', async () => {
    const world = await accessWorld();
    for (const expectCount of [2, 4]) {
      const since = lastAuditId(world);
      const result = await world.router.dispatch(world.caller('owner'), 'customers.setOwner', { filters: {}, expectCount, toUsername: 'manager1' });
      expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(owners(world)).toEqual(BEFORE);
      expect(auditSince(world, since)).toEqual([{ username: OWNER.username, action: 'customer.owner', recordId: null, outcome: 'rejected', fields: null, reason: `selection changed: expected ${expectCount}, found ${expectCount === 2 ? 'more' : 3}` }]);
    }
    // The same selection with the right count goes through.
    expect(await world.router.dispatch(world.caller('owner'), 'customers.setOwner', { filters: {}, expectCount: 3, toUsername: 'manager1' })).toMatchObject({ ok: true, value: { changed: 3 } });
    world.core.close();
  });

  it('only an active user whose role may hold customers can receive them; all or nothing on a bad id', async () => {
    const world = await accessWorld();
    expect(await world.router.dispatch(world.caller('owner'), 'users.setStatus', { username: 'manager1', status: 'disabled' })).toMatchObject({ ok: true });
    for (const toUsername of ['support1', 'auditor1', 'manager1', 'nobody']) {
      const result = await world.router.dispatch(world.caller('owner'), 'customers.setOwner', { ids: [1], toUsername });
      expect(result, toUsername).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { toUsername: 'not_assignable' } } });
    }
    const missing = await world.router.dispatch(world.caller('owner'), 'customers.setOwner', { ids: [2, 999], toUsername: 'sales1' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(owners(world)).toEqual(BEFORE);
    world.core.close();
  });

  it('sales, support and the auditor may neither hand customers over nor list who could receive them', async () => {
    const world = await accessWorld();
    for (const role of ['sales', 'support', 'auditor'] as const) {
      expect(await world.router.dispatch(world.caller(role), 'customers.setOwner', { ids: [1, 2], toUsername: 'sales1' }), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await world.router.dispatch(world.caller(role), 'customers.setOwner', { filters: {}, expectCount: 3, toUsername: 'sales1' }), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await world.router.dispatch(world.caller(role), 'customers.assignableOwners', {}), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(owners(world)).toEqual(BEFORE);
    world.core.close();
  });

  it('a manager, who cannot list users, gets the active accounts that may own customers: names and roles only', async () => {
    const world = await accessWorld();
    expect(await world.router.dispatch(world.caller('manager'), 'users.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await world.router.dispatch(world.caller('owner'), 'users.setStatus', { username: 'sales1', status: 'disabled' });
    const since = lastAuditId(world);
    const result = await world.router.dispatch(world.caller('manager'), 'customers.assignableOwners', {});
    expect(result).toEqual({
      ok: true,
      value: [
        { username: OWNER.username, displayName: OWNER.displayName, role: 'owner' },
        { username: 'manager1', displayName: 'manager one', role: 'manager' },
      ],
    });
    // Reading who could receive customers is a read of the user list, on record like users.list.
    expect(world.core.vault.db().prepare('SELECT username, action, outcome FROM audit_log WHERE id > ?').all(since)).toEqual([{ username: 'manager1', action: 'user.list', outcome: 'ok' }]);
    world.core.close();
  });
});
