import { expect, it } from 'vitest';
import { hashPassword } from '../../electron/core/users/password-hash';
import { insertUser } from '../../electron/core/users/user-repository';
import { describeKeychain } from '../support/keyring';
import { PASSWORD, accessWorld } from './access-helpers';
import { OWNER, approvalsOff } from './vault-helpers';

function clock(start = Date.UTC(2026, 10, 22, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const auditActions = (world: Awaited<ReturnType<typeof accessWorld>>, since: number) =>
  (world.core.vault.db().prepare('SELECT action, username, reason FROM audit_log WHERE id > ? ORDER BY id').all(since) as { action: string; username: string | null; reason: string | null }[]);
const lastAuditId = (world: Awaited<ReturnType<typeof accessWorld>>) => (world.core.vault.db().prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;

describeKeychain('sessions: lock, idle, back-off, lockout', () => {
  it('Lock now answers LOCKED on every channel but status and unlock, until the same password', async () => {
    const world = await accessWorld();
    const sales = world.caller('sales');
    expect(await world.router.dispatch(sales, 'session.lock', {})).toEqual({ ok: true, value: { locked: true } });
    expect(await world.router.dispatch(sales, 'customers.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await world.router.dispatch(sales, 'app.status', {})).toMatchObject({ ok: true, value: { sessionLocked: true, session: { username: 'sales1' } } });
    expect(await world.router.dispatch(sales, 'session.unlock', { password: 'wrong password 1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await world.router.dispatch(sales, 'session.unlock', { password: PASSWORD })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(sales, 'customers.list', { limit: 5 })).toMatchObject({ ok: true });
    // Other windows were never affected.
    expect(await world.router.dispatch(world.caller('manager'), 'customers.list', { limit: 5 })).toMatchObject({ ok: true });
    world.core.close();
  });

  it('an idle session locks itself after the configured time', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const before = lastAuditId(world);
    time.advance(14 * 60_000);
    expect(await world.router.dispatch(world.caller('sales'), 'customers.list', { limit: 5 })).toMatchObject({ ok: true });
    time.advance(16 * 60_000);
    expect(await world.router.dispatch(world.caller('sales'), 'customers.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(auditActions(world, before)).toContainEqual({ action: 'session.locked', username: 'sales1', reason: 'idle' });
    world.core.close();
  });

  it("main's idle check locks idle sessions without a call from them, audited once, as the lazy path would", async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const sales = world.caller('sales');
    const before = lastAuditId(world);
    time.advance(14 * 60_000);
    // Everyone but sales was active a moment ago.
    for (const role of ['owner', 'manager', 'support', 'auditor'] as const) world.core.sessions.touch(world.core.sessions.current(world.caller(role).senderId)!);
    expect(world.core.sessions.lockIdle()).toEqual([]);
    time.advance(2 * 60_000);
    expect(world.core.sessions.lockIdle()).toEqual([sales.senderId]);
    // Already locked: neither the timer's next run nor the window's next call locks or audits again.
    expect(world.core.sessions.lockIdle()).toEqual([]);
    expect(await world.router.dispatch(sales, 'customers.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await world.router.dispatch(sales, 'app.status', {})).toMatchObject({ ok: true, value: { sessionLocked: true } });
    expect(auditActions(world, before).filter((row) => row.action === 'session.locked')).toEqual([{ action: 'session.locked', username: 'sales1', reason: 'idle' }]);
    // The other windows were not touched.
    expect(await world.router.dispatch(world.caller('manager'), 'customers.list', { limit: 5 })).toMatchObject({ ok: true });
    world.core.close();
  });

  it('the owner sets the idle time; the change is audited', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    expect(await world.router.dispatch(world.caller('owner'), 'settings.setIdleMinutes', { minutes: 2 })).toEqual({ ok: true, value: { idleMinutes: 2 } });
    expect(await world.router.dispatch(world.caller('owner'), 'settings.auth', {})).toEqual({ ok: true, value: { require2fa: false, idleMinutes: 2 } });
    time.advance(3 * 60_000);
    expect(await world.router.dispatch(world.caller('manager'), 'customers.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(world.core.vault.db().prepare("SELECT fields, reason FROM audit_log WHERE action = 'settings.change' AND fields = '[\"idleMinutes\"]'").all()).toEqual([{ fields: '["idleMinutes"]', reason: '2' }]);
    world.core.close();
  });

  it('failed sign-ins back off, then lock the account; unknown usernames are throttled the same way', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const window = { senderId: 'fresh-window' };
    for (const username of ['support1', 'ghost']) {
      for (let i = 0; i < 3; i += 1) {
        expect(await world.router.dispatch(window, 'session.login', { username, password: 'bad guess 1' })).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      }
      expect(await world.router.dispatch(window, 'session.login', { username, password: 'bad guess 1' })).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    }
    for (let i = 3; i < 10; i += 1) {
      time.advance(61_000);
      await world.router.dispatch(window, 'session.login', { username: 'support1', password: 'bad guess 1' });
    }
    time.advance(61_000);
    expect(await world.router.dispatch(window, 'session.login', { username: 'support1', password: PASSWORD })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const users = await world.router.dispatch(world.caller('owner'), 'users.list', {});
    expect(users.ok && (users.value as { username: string; status: string }[]).find((u) => u.username === 'support1')?.status).toBe('locked');
    expect(world.core.vault.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'lockout'").get()).toEqual({ n: 1 });

    expect(await world.router.dispatch(world.caller('owner'), 'users.setStatus', { username: 'support1', status: 'active' })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(window, 'session.login', { username: 'support1', password: PASSWORD })).toMatchObject({ ok: true });
    world.core.close();
  });
});

describeKeychain('users page', () => {
  it('disabling a user ends all of their sessions at once', async () => {
    const world = await accessWorld();
    const second = { senderId: 'sales-second-window' };
    expect(await world.router.dispatch(second, 'session.login', { username: 'sales1', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(world.caller('owner'), 'users.setStatus', { username: 'sales1', status: 'disabled' })).toEqual({
      ok: true,
      value: { username: 'sales1', status: 'disabled', sessionsEnded: 2 },
    });
    for (const caller of [world.caller('sales'), second]) {
      expect(await world.router.dispatch(caller, 'customers.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(await world.router.dispatch(second, 'session.login', { username: 'sales1', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    world.core.close();
  });

  it('adds users, changes roles with the owner password, keeps one owner, resets passwords; all audited', async () => {
    const world = await accessWorld();
    approvalsOff(world.core, world.core.sessions.current('owner')!); // not about approvals
    const owner = world.caller('owner');
    const before = lastAuditId(world);
    expect(await world.router.dispatch(owner, 'users.create', { username: 'lily', displayName: 'Lily 李', role: 'sales', password: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { password: 'too-short' } },
    });
    expect(await world.router.dispatch(owner, 'users.create', { username: 'lily', displayName: 'Lily 李', role: 'sales', password: 'Fresh lantern 42' })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(owner, 'users.create', { username: 'LILY', displayName: 'Other', role: 'sales', password: 'Fresh lantern 42' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await world.router.dispatch(owner, 'users.setRole', { username: 'lily', role: 'manager', ownerPassword: 'not it at all' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await world.router.dispatch(owner, 'users.setRole', { username: 'lily', role: 'manager', ownerPassword: OWNER.password })).toEqual({ ok: true, value: { username: 'lily', role: 'manager' } });
    expect(await world.router.dispatch(owner, 'users.setRole', { username: OWNER.username, role: 'sales', ownerPassword: OWNER.password })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await world.router.dispatch(owner, 'users.setStatus', { username: OWNER.username, status: 'disabled' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await world.router.dispatch(owner, 'users.resetPassword', { username: 'lily', newPassword: 'Another lantern 43' })).toMatchObject({ ok: true });
    expect(await world.router.dispatch({ senderId: 'lily' }, 'session.login', { username: 'lily', password: 'Another lantern 43' })).toMatchObject({ ok: true, value: { user: { role: 'manager' } } });

    const list = await world.router.dispatch(owner, 'users.list', {});
    expect(list.ok && (list.value as { username: string; has2fa: boolean }[]).map((u) => [u.username, u.has2fa])).toContainEqual(['lily', false]);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
    // The wrong owner password typed for the role change is a failed sign-in on record.
    expect(auditActions(world, before).map((a) => a.action)).toEqual(['user.create', 'login.failed', 'user.role', 'user.password.reset', 'login', 'user.list']);
    world.core.close();
  });

  it('the audit page: auditors read and verify, and verify reports a tampered row', async () => {
    const world = await accessWorld();
    const auditor = world.caller('auditor');
    const rows = await world.router.dispatch(auditor, 'audit.query', { username: 'sales1', limit: 50 });
    expect(rows.ok && (rows.value as { action: string }[]).map((r) => r.action)).toContain('login');
    expect(await world.router.dispatch(auditor, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, firstBrokenId: null } });
    const db = world.core.vault.db();
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET username = 'someone-else' WHERE id = 3").run();
    expect(await world.router.dispatch(auditor, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: false, firstBrokenId: 3, problem: 'edited' } });
    world.core.close();
  });

  it('with two owners, a role change and turning off 2FA wait for the other owner', async () => {
    const world = await accessWorld();
    const owner = world.caller('owner');
    insertUser(world.core.vault.db(), { username: 'second', displayName: 'Second Owner', role: 'owner', passwordHash: await hashPassword('Harbor lantern 42') });
    const other = { senderId: 'second-owner' };
    expect(await world.router.dispatch(other, 'session.login', { username: 'second', password: 'Harbor lantern 42' })).toMatchObject({ ok: true });

    // Issue 15: the change answers APPROVAL_REQUIRED; the owner asks; the other owner decides; the owner re-runs it.
    const change = { username: 'sales1', role: 'manager', ownerPassword: OWNER.password };
    expect(await world.router.dispatch(owner, 'users.setRole', change)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'users.setRole' } } });
    const asked = await world.router.dispatch(owner, 'approvals.request', { operation: 'users.setRole', input: { username: 'sales1', role: 'manager' }, reason: 'runs the shop floor' });
    expect(asked).toMatchObject({ ok: true, value: { state: 'pending' } });
    const id = (asked as { value: { id: number } }).value.id;
    const inbox = await world.router.dispatch(other, 'approvals.list', { view: 'inbox' });
    expect(inbox).toMatchObject({ ok: true, value: { items: [{ id, summary: { targetUsername: 'sales1', role: 'manager' } }] } });
    // Still a salesperson until approved, and the requester cannot approve it.
    expect(await world.router.dispatch(world.caller('sales'), 'customers.list', { limit: 50 })).toMatchObject({ ok: true, value: { items: [{ name: '王伟' }] } });
    expect(await world.router.dispatch(owner, 'approvals.decide', { id, approve: true, password: OWNER.password })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await world.router.dispatch(other, 'approvals.decide', { id, approve: true, password: 'wrong one 1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await world.router.dispatch(other, 'approvals.decide', { id, approve: true, password: 'Harbor lantern 42' })).toEqual({ ok: true, value: { id, state: 'approved' } });
    expect(await world.router.dispatch(owner, 'users.setRole', { ...change, approvalId: id })).toMatchObject({ ok: true, value: { username: 'sales1', role: 'manager' } });
    const users = await world.router.dispatch(owner, 'users.list', {});
    expect(users.ok && (users.value as { username: string; role: string }[]).find((u) => u.username === 'sales1')?.role).toBe('manager');
    expect(await world.router.dispatch(other, 'approvals.decide', { id, approve: false, password: 'Harbor lantern 42' })).toMatchObject({ ok: false });
    const actions = world.core.vault.db().prepare("SELECT action, username FROM audit_log WHERE action IN ('approval.request', 'approval.approve', 'user.role') AND outcome = 'ok' ORDER BY id").all();
    expect(actions).toEqual([
      { action: 'approval.request', username: OWNER.username },
      { action: 'approval.approve', username: 'second' },
      { action: 'user.role', username: OWNER.username },
    ]);
    expect(await world.router.dispatch(owner, 'account.totp.disable', { password: OWNER.password })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'account.totp.disable' } } });
    world.core.close();
  });
});
