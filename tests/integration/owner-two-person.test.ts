import { expect, it } from 'vitest';
import { LOCKOUT_AFTER } from '../../electron/core/auth/session-service';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

/** Issue 12 section 5: every change that adds, removes or takes over an owner needs the other owner. */
type World = Awaited<ReturnType<typeof accessWorld>>;
const SECOND = { username: 'second', displayName: 'Second Owner', password: 'Harbor lantern 42' };
const me = OWNER.password;

function clock(start = Date.UTC(2026, 10, 22, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const userRow = (world: World, username: string) =>
  world.core.vault.db().prepare('SELECT role, status, password_hash AS hash FROM users WHERE username = ?').get(username) as { role: string; status: string; hash: string } | undefined;

async function pending(world: World, caller: { senderId: string }) {
  const answer = await world.router.dispatch(caller, 'approvals.list', {});
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.value as { id: number; kind: string; targetUsername: string; payload: Record<string, unknown> }[];
}

/** A vault with two active owners, both signed in: anna (the test's owner) and second. */
async function twoOwners(now?: () => number) {
  const world = await accessWorld(now ? { now } : {});
  const anna = world.caller('owner');
  expect(await world.router.dispatch(anna, 'users.create', { ...SECOND, role: 'owner', ownerPassword: me })).toEqual({ ok: true, value: { username: 'second', pending: false } });
  const second = { senderId: 'second-owner' };
  expect(await world.router.dispatch(second, 'session.login', { username: SECOND.username, password: SECOND.password })).toMatchObject({ ok: true });
  return { world, anna, second };
}

describeKeychain('two-person rule for owner targets', () => {
  it('in a one-owner vault, creating an owner needs the acting owner password, and nothing else', async () => {
    const world = await accessWorld();
    const anna = world.caller('owner');
    expect(await world.router.dispatch(anna, 'users.create', { ...SECOND, role: 'owner' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { ownerPassword: 'required' } } });
    expect(await world.router.dispatch(anna, 'users.create', { ...SECOND, role: 'owner', ownerPassword: 'not my password 1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(userRow(world, 'second')).toBeUndefined();
    // Other roles need no password, as before.
    expect(await world.router.dispatch(anna, 'users.create', { username: 'newhire', displayName: 'New Hire', role: 'sales', password: 'Fresh lantern 42' })).toEqual({ ok: true, value: { username: 'newhire', pending: false } });
    expect(await world.router.dispatch(anna, 'users.setStatus', { username: 'newhire', status: 'disabled' })).toMatchObject({ ok: true, value: { status: 'disabled', pending: false } });
    // One's own password is changed with the current one, never reset.
    expect(await world.router.dispatch(anna, 'users.resetPassword', { username: OWNER.username, newPassword: 'Fresh lantern 42', ownerPassword: me })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    world.core.close();
  });

  it('disabling or resetting the other owner, or creating an owner, is a request the other owner decides', async () => {
    const { world, anna, second } = await twoOwners();
    const secondHash = userRow(world, 'second')!.hash;

    expect(await world.router.dispatch(anna, 'users.setStatus', { username: 'second', status: 'disabled' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { ownerPassword: 'required' } } });
    expect(await world.router.dispatch(anna, 'users.setStatus', { username: 'second', status: 'disabled', ownerPassword: me })).toEqual({
      ok: true,
      value: { username: 'second', status: 'active', sessionsEnded: 0, pending: true },
    });
    expect(await world.router.dispatch(anna, 'users.resetPassword', { username: 'second', newPassword: 'Taken over 1234', ownerPassword: me })).toEqual({ ok: true, value: { username: 'second', pending: true } });
    expect(await world.router.dispatch(anna, 'users.setRole', { username: 'second', role: 'sales', ownerPassword: me })).toMatchObject({ ok: true, value: { role: 'owner', pending: true } });
    expect(await world.router.dispatch(anna, 'users.create', { username: 'third', displayName: 'Third Owner', role: 'owner', password: 'Copper lantern 42', ownerPassword: me })).toEqual({ ok: true, value: { username: 'third', pending: true } });
    // Nothing has happened yet: second is an active owner, signed in, with the old password.
    expect(userRow(world, 'second')).toEqual({ role: 'owner', status: 'active', hash: secondHash });
    expect(userRow(world, 'third')).toBeUndefined();
    expect(await world.router.dispatch(second, 'users.list', {})).toMatchObject({ ok: true });
    // A pending new owner's name is taken; the same request twice is refused.
    expect(await world.router.dispatch(anna, 'users.create', { username: 'third', displayName: 'Again', role: 'sales', password: 'Copper lantern 42' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { username: 'taken' } } });
    expect(await world.router.dispatch(anna, 'users.resetPassword', { username: 'second', newPassword: 'Taken over 5678', ownerPassword: me })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const requests = await pending(world, second);
    expect(requests.map((r) => [r.kind, r.targetUsername, r.payload])).toEqual([
      ['user.status', 'second', { status: 'disabled' }],
      ['user.password', 'second', {}],
      ['user.role', 'second', { role: 'sales' }],
      ['user.create', 'third', { role: 'owner' }],
    ]);
    // The pending password hashes stay in main.
    expect(JSON.stringify(requests)).not.toMatch(/scrypt|lantern|Taken over/);
    const byKind = (kind: string) => requests.find((r) => r.kind === kind)!.id;

    // The requester cannot decide their own requests.
    expect(await world.router.dispatch(anna, 'approvals.decide', { id: byKind('user.password'), approve: true, password: me })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The other owner rejects the takeovers and approves the new owner.
    for (const kind of ['user.status', 'user.password', 'user.role']) {
      expect(await world.router.dispatch(second, 'approvals.decide', { id: byKind(kind), approve: false, password: SECOND.password }), kind).toMatchObject({ ok: true, value: { approved: false } });
    }
    expect(await world.router.dispatch(second, 'approvals.decide', { id: byKind('user.create'), approve: true, password: SECOND.password })).toMatchObject({ ok: true, value: { approved: true } });
    expect(userRow(world, 'second')).toEqual({ role: 'owner', status: 'active', hash: secondHash });
    expect(userRow(world, 'third')).toMatchObject({ role: 'owner', status: 'active' });
    expect(await world.router.dispatch({ senderId: 'third' }, 'session.login', { username: 'third', password: 'Copper lantern 42' })).toMatchObject({ ok: true, value: { user: { role: 'owner' } } });
    // Decided requests keep no password hash.
    expect(world.core.vault.db().prepare('SELECT count(*) AS n FROM approvals WHERE secret IS NOT NULL').get()).toEqual({ n: 0 });
    const audit = world.core.vault.db().prepare("SELECT action, username, reason FROM audit_log WHERE action LIKE 'approval.%' OR action = 'user.create' ORDER BY id").all() as { action: string; username: string; reason: string | null }[];
    expect(audit.filter((r) => r.action === 'approval.request').map((r) => r.reason)).toEqual(['user.status', 'user.password', 'user.role', 'user.create']);
    expect(audit.at(-1)).toMatchObject({ action: 'user.create', username: 'second' });
    world.core.close();
  });

  it('an approved reset or disable takes effect then, and ends the target owner sessions', async () => {
    const { world, anna, second } = await twoOwners();
    await world.router.dispatch(anna, 'users.create', { username: 'third', displayName: 'Third Owner', role: 'owner', password: 'Copper lantern 42', ownerPassword: me });
    const [create] = await pending(world, second);
    await world.router.dispatch(second, 'approvals.decide', { id: create!.id, approve: true, password: SECOND.password });
    const third = { senderId: 'third' };
    expect(await world.router.dispatch(third, 'session.login', { username: 'third', password: 'Copper lantern 42' })).toMatchObject({ ok: true });

    // Three owners: anna asks, second approves, third's password changes.
    expect(await world.router.dispatch(anna, 'users.resetPassword', { username: 'third', newPassword: 'Reset lantern 77', ownerPassword: me })).toMatchObject({ ok: true, value: { pending: true } });
    const [reset] = await pending(world, second);
    expect(await world.router.dispatch(second, 'approvals.decide', { id: reset!.id, approve: true, password: SECOND.password })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(third, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await world.router.dispatch(third, 'session.login', { username: 'third', password: 'Copper lantern 42' })).toMatchObject({ ok: false });
    expect(await world.router.dispatch(third, 'session.login', { username: 'third', password: 'Reset lantern 77' })).toMatchObject({ ok: true });

    expect(await world.router.dispatch(anna, 'users.setStatus', { username: 'third', status: 'disabled', ownerPassword: me })).toMatchObject({ ok: true, value: { pending: true } });
    const [disable] = await pending(world, second);
    expect(await world.router.dispatch(second, 'approvals.decide', { id: disable!.id, approve: true, password: SECOND.password })).toMatchObject({ ok: true });
    expect(userRow(world, 'third')!.status).toBe('disabled');
    expect(await world.router.dispatch(third, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    // Re-enabling a disabled owner adds an owner back: the other owner decides that too.
    expect(await world.router.dispatch(anna, 'users.setStatus', { username: 'third', status: 'active', ownerPassword: me })).toMatchObject({ ok: true, value: { status: 'disabled', pending: true } });
    expect(userRow(world, 'third')!.status).toBe('disabled');
    world.core.close();
  });

  it('locking the other owner out with wrong passwords does not lift the rule', async () => {
    const time = clock();
    const { world, anna } = await twoOwners(time.now);
    const stranger = { senderId: 'stranger' };
    for (let i = 0; i < LOCKOUT_AFTER; i += 1) {
      time.advance(61_000);
      await world.router.dispatch(stranger, 'session.login', { username: 'second', password: `guess number ${i}` });
    }
    expect(userRow(world, 'second')!.status).toBe('locked');
    // Still two owners for the rule: demoting, disabling or resetting second waits for approval.
    expect(await world.router.dispatch(anna, 'users.setStatus', { username: 'second', status: 'disabled', ownerPassword: me })).toMatchObject({ ok: true, value: { status: 'locked', pending: true } });
    expect(await world.router.dispatch(anna, 'users.resetPassword', { username: 'second', newPassword: 'Taken over 1234', ownerPassword: me })).toMatchObject({ ok: true, value: { pending: true } });
    expect(await world.router.dispatch(anna, 'users.setRole', { username: 'second', role: 'sales', ownerPassword: me })).toMatchObject({ ok: true, value: { pending: true } });
    expect(await world.router.dispatch(anna, 'users.setRole', { username: 'sales1', role: 'manager', ownerPassword: me })).toMatchObject({ ok: true, value: { pending: true } });
    expect(userRow(world, 'second')!.status).toBe('locked');
    // Re-opening the locked owner changes no one's say, so it needs no approval: they can then decide.
    expect(await world.router.dispatch(anna, 'users.setStatus', { username: 'second', status: 'active', ownerPassword: me })).toMatchObject({ ok: true, value: { status: 'active', pending: false } });
    time.advance(61_000);
    expect(await world.router.dispatch({ senderId: 'second' }, 'session.login', { username: 'second', password: SECOND.password })).toMatchObject({ ok: true });
    world.core.close();
  });
});
