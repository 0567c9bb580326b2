import { expect, it } from 'vitest';
import { LOCKOUT_AFTER } from '../../electron/core/auth/session-service';
import { hashPassword } from '../../electron/core/users/password-hash';
import { insertUser } from '../../electron/core/users/user-repository';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

/**
 * Issue 12 section 5, on issue 15's approvals: every change that adds, removes or takes over an owner
 * answers APPROVAL_REQUIRED; the other owner decides the request; the requester re-runs it with approvalId.
 */
type World = Awaited<ReturnType<typeof accessWorld>>;
type Caller = { senderId: string };
const SECOND = { username: 'second', displayName: 'Second Owner', password: 'Harbor lantern 42' };
const me = OWNER.password;

function clock(start = Date.UTC(2026, 10, 22, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const userRow = (world: World, username: string) =>
  world.core.vault.db().prepare('SELECT role, status, password_hash AS hash FROM users WHERE username = ?').get(username) as { role: string; status: string; hash: string } | undefined;

/** A vault with two active owners, both signed in: anna (the test's owner) and second. */
async function twoOwners(now?: () => number) {
  const world = await accessWorld(now ? { now } : {});
  const anna = world.caller('owner');
  insertUser(world.core.vault.db(), { username: SECOND.username, displayName: SECOND.displayName, role: 'owner', passwordHash: await hashPassword(SECOND.password) });
  const second = { senderId: 'second-owner' };
  expect(await world.router.dispatch(second, 'session.login', { username: SECOND.username, password: SECOND.password })).toMatchObject({ ok: true });
  return { world, anna, second };
}

/** The call is gated (APPROVAL_REQUIRED, another person could decide); ask for it; the request id. */
async function ask(world: World, who: Caller, operation: string, input: Record<string, unknown>): Promise<number> {
  expect(await world.router.dispatch(who, operation, input), operation).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation } } });
  const answer = await world.router.dispatch(who, 'approvals.request', { operation, input, reason: 'owner change for the test' });
  if (!answer.ok) throw new Error(`approvals.request: ${answer.error.code} ${JSON.stringify(answer.error.fields ?? {})}`);
  expect(answer.value).toMatchObject({ state: 'pending', noSecondPerson: false });
  return (answer.value as { id: number }).id;
}

async function decide(world: World, who: Caller, id: number, approve: boolean, password: string) {
  expect(await world.router.dispatch(who, 'approvals.decide', { id, approve, password })).toMatchObject({ ok: true, value: { id, state: approve ? 'approved' : 'denied' } });
}

describeKeychain('two-person rule for owner targets', () => {
  it('in a one-owner vault, creating an owner is the one-owner path: typed confirmation, password, cooling-off, then the owner password', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const anna = world.caller('owner');
    const create = { ...SECOND, role: 'owner', ownerPassword: me };
    expect(await world.router.dispatch(anna, 'users.create', create)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'users.create', confirm: 'second', noSecondPerson: 'yes' } } });
    const input = { username: SECOND.username, displayName: SECOND.displayName, role: 'owner' };
    // Alone, the owner types the confirmation back with their password; the request waits out the cooling-off.
    const asked = await world.router.dispatch(anna, 'approvals.request', { operation: 'users.create', input, reason: 'a second owner', confirmSummary: 'second', password: me });
    expect(asked).toMatchObject({ ok: true, value: { state: 'approved', noSecondPerson: true } });
    const id = (asked as { value: { id: number; usableAfter: string } }).value.id;
    expect((asked as { value: { usableAfter: string | null } }).value.usableAfter).not.toBeNull();
    expect(await world.router.dispatch(anna, 'users.create', { ...create, approvalId: id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(userRow(world, 'second')).toBeUndefined();
    time.advance(61 * 60_000);
    await world.router.dispatch(anna, 'session.unlock', { password: me }); // idle lock on the fake clock, if any
    // The acting owner's password is still asked when the approved creation runs.
    expect(await world.router.dispatch(anna, 'users.create', { ...SECOND, role: 'owner', approvalId: id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { ownerPassword: 'required' } } });
    expect(await world.router.dispatch(anna, 'users.create', { ...create, approvalId: id })).toMatchObject({ ok: true, value: { username: 'second' } });
    expect(userRow(world, 'second')).toMatchObject({ role: 'owner', status: 'active' });
    // Other roles need no password and no approval, as before.
    expect(await world.router.dispatch(anna, 'users.create', { username: 'newhire', displayName: 'New Hire', role: 'sales', password: 'Fresh lantern 42' })).toMatchObject({ ok: true, value: { username: 'newhire' } });
    expect(await world.router.dispatch(anna, 'users.setStatus', { username: 'newhire', status: 'disabled' })).toMatchObject({ ok: true, value: { status: 'disabled' } });
    // One's own password is changed with the current one, never reset.
    expect(await world.router.dispatch(anna, 'users.resetPassword', { username: OWNER.username, newPassword: 'Fresh lantern 42', ownerPassword: me })).toMatchObject({ ok: false });
    expect(await world.router.dispatch(anna, 'session.login', { username: OWNER.username, password: me })).toMatchObject({ ok: true });
    world.core.close();
  });

  it('disabling or resetting the other owner, or creating an owner, waits for the other owner; the requester cannot approve their own', async () => {
    const { world, anna, second } = await twoOwners();
    const secondHash = userRow(world, 'second')!.hash;
    const disable = { username: 'second', status: 'disabled', ownerPassword: me };
    const reset = { username: 'second', newPassword: 'Taken over 1234', ownerPassword: me };
    const demote = { username: 'second', role: 'sales', ownerPassword: me };
    const create = { username: 'third', displayName: 'Third Owner', role: 'owner', password: 'Copper lantern 42', ownerPassword: me };
    const ids = {
      status: await ask(world, anna, 'users.setStatus', disable),
      password: await ask(world, anna, 'users.resetPassword', reset),
      role: await ask(world, anna, 'users.setRole', demote),
      create: await ask(world, anna, 'users.create', create),
    };
    // Nothing has happened yet: second is an active owner, signed in, with the old password.
    expect(userRow(world, 'second')).toEqual({ role: 'owner', status: 'active', hash: secondHash });
    expect(userRow(world, 'third')).toBeUndefined();
    expect(await world.router.dispatch(second, 'users.list', {})).toMatchObject({ ok: true });
    // Not approved yet: the run is refused.
    expect(await world.router.dispatch(anna, 'users.resetPassword', { ...reset, approvalId: ids.password })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'pending' } } });

    const inbox = await world.router.dispatch(second, 'approvals.list', { view: 'inbox' });
    expect(inbox.ok).toBe(true);
    const items = (inbox as { value: { items: { id: number }[] } }).value.items;
    expect(items.map((i) => i.id).sort()).toEqual(Object.values(ids).sort());
    // The new passwords stay in main.
    expect(JSON.stringify(items)).not.toMatch(/scrypt|lantern|Taken over/);

    // The requester cannot decide their own requests.
    expect(await world.router.dispatch(anna, 'approvals.decide', { id: ids.password, approve: true, password: me })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The other owner rejects the takeovers and approves the new owner.
    for (const id of [ids.status, ids.password, ids.role]) await decide(world, second, id, false, SECOND.password);
    await decide(world, second, ids.create, true, SECOND.password);
    expect(await world.router.dispatch(anna, 'users.resetPassword', { ...reset, approvalId: ids.password })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'denied' } } });
    expect(await world.router.dispatch(anna, 'users.setStatus', { ...disable, approvalId: ids.status })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'denied' } } });
    expect(await world.router.dispatch(anna, 'users.create', { ...create, approvalId: ids.create })).toMatchObject({ ok: true, value: { username: 'third' } });
    expect(userRow(world, 'second')).toEqual({ role: 'owner', status: 'active', hash: secondHash });
    expect(userRow(world, 'third')).toMatchObject({ role: 'owner', status: 'active' });
    expect(await world.router.dispatch({ senderId: 'third' }, 'session.login', { username: 'third', password: 'Copper lantern 42' })).toMatchObject({ ok: true, value: { user: { role: 'owner' } } });
    const audit = world.core.vault.db().prepare("SELECT action, reason FROM audit_log WHERE action = 'approval.request' ORDER BY id").all() as { reason: string }[];
    expect(audit.map((r) => r.reason)).toEqual(['users.setStatus', 'users.resetPassword', 'users.setRole', 'users.create']);
    world.core.close();
  });

  it('an approved reset or disable takes effect when run, and ends the target owner sessions', async () => {
    const { world, anna, second } = await twoOwners();
    const create = { username: 'third', displayName: 'Third Owner', role: 'owner', password: 'Copper lantern 42', ownerPassword: me };
    const createId = await ask(world, anna, 'users.create', create);
    await decide(world, second, createId, true, SECOND.password);
    expect(await world.router.dispatch(anna, 'users.create', { ...create, approvalId: createId })).toMatchObject({ ok: true });
    const third = { senderId: 'third' };
    expect(await world.router.dispatch(third, 'session.login', { username: 'third', password: 'Copper lantern 42' })).toMatchObject({ ok: true });

    // Three owners: anna asks, second approves, anna runs it: third's password changes.
    const reset = { username: 'third', newPassword: 'Reset lantern 77', ownerPassword: me };
    const resetId = await ask(world, anna, 'users.resetPassword', reset);
    await decide(world, second, resetId, true, SECOND.password);
    expect(await world.router.dispatch(anna, 'users.resetPassword', { ...reset, approvalId: resetId })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(third, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await world.router.dispatch(third, 'session.login', { username: 'third', password: 'Copper lantern 42' })).toMatchObject({ ok: false });
    expect(await world.router.dispatch(third, 'session.login', { username: 'third', password: 'Reset lantern 77' })).toMatchObject({ ok: true });

    const disable = { username: 'third', status: 'disabled', ownerPassword: me };
    const disableId = await ask(world, anna, 'users.setStatus', disable);
    await decide(world, second, disableId, true, SECOND.password);
    expect(await world.router.dispatch(anna, 'users.setStatus', { ...disable, approvalId: disableId })).toMatchObject({ ok: true });
    expect(userRow(world, 'third')!.status).toBe('disabled');
    expect(await world.router.dispatch(third, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Once only.
    expect(await world.router.dispatch(anna, 'users.setStatus', { ...disable, approvalId: disableId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
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
    // Still two owners for the rule: disabling, resetting or demoting second waits for approval.
    await ask(world, anna, 'users.setStatus', { username: 'second', status: 'disabled', ownerPassword: me });
    await ask(world, anna, 'users.resetPassword', { username: 'second', newPassword: 'Taken over 1234', ownerPassword: me });
    await ask(world, anna, 'users.setRole', { username: 'second', role: 'sales', ownerPassword: me });
    expect(userRow(world, 'second')!.status).toBe('locked');
    // Re-opening the locked owner changes no one's say, so it needs no approval: they can then decide.
    expect(await world.router.dispatch(anna, 'users.setStatus', { username: 'second', status: 'active', ownerPassword: me })).toMatchObject({ ok: true, value: { status: 'active' } });
    time.advance(61_000);
    expect(await world.router.dispatch({ senderId: 'second' }, 'session.login', { username: 'second', password: SECOND.password })).toMatchObject({ ok: true });
    world.core.close();
  });
});
