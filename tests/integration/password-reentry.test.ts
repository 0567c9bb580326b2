import { expect, it } from 'vitest';
import { LOCKOUT_AFTER, REENTRY_LOCK_AFTER } from '../../electron/core/auth/session-service';
import { describeKeychain } from '../support/keyring';
import { PASSWORD, accessWorld } from './access-helpers';
import { OWNER, approvalsOff } from './vault-helpers';

/** Typing one's password again to confirm a sensitive action is a sign-in, and is treated as one. */
function clock(start = Date.UTC(2026, 10, 22, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

type World = Awaited<ReturnType<typeof accessWorld>>;
const lastAuditId = (world: World) => (world.core.vault.db().prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
const auditSince = (world: World, since: number) =>
  world.core.vault.db().prepare('SELECT action, username, outcome, reason FROM audit_log WHERE id > ? ORDER BY id').all(since) as { action: string; username: string | null; outcome: string; reason: string | null }[];
const roleOf = (world: World, username: string) => (world.core.vault.db().prepare('SELECT role FROM users WHERE username = ?').get(username) as { role: string }).role;

describeKeychain('password re-entry for sensitive actions', () => {
  it('backs off like sign-in, audits each failure, and locks the session after repeated failures', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    approvalsOff(world.core, world.core.sessions.current('owner')!); // not about approvals
    const owner = world.caller('owner');
    const before = lastAuditId(world);
    const wrongRole = () => world.router.dispatch(owner, 'users.setRole', { username: 'support1', role: 'sales', ownerPassword: 'not my password 1' });

    // Three free tries, on different sensitive channels: they share one counter.
    expect(await wrongRole()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', fields: { password: 'wrong' } } });
    expect(await world.router.dispatch(owner, 'settings.setRequire2fa', { required: true, password: 'not my password 2' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await world.router.dispatch(owner, 'vault.rotateKey', { password: 'not my password 3' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Then the same back-off as sign-in: even the right password waits.
    expect(await world.router.dispatch(owner, 'users.setRole', { username: 'support1', role: 'sales', ownerPassword: OWNER.password })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // ... and sign-in under that name from another window waits too.
    expect(await world.router.dispatch({ senderId: 'elsewhere' }, 'session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    time.advance(1_000);
    expect(await wrongRole()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    time.advance(2_000);
    expect(await wrongRole()).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(REENTRY_LOCK_AFTER).toBe(5);

    // The session is locked: nothing works until the password opens it again.
    expect(await world.router.dispatch(owner, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(roleOf(world, 'support1')).toBe('support');
    const failures = auditSince(world, before).filter((r) => r.action === 'login.failed');
    expect(failures).toHaveLength(5);
    expect(failures.every((r) => r.username === OWNER.username && r.outcome === 'denied' && r.reason === 're-entry: wrong password')).toBe(true);
    expect(auditSince(world, before)).toContainEqual({ action: 'session.locked', username: OWNER.username, outcome: 'ok', reason: '5 wrong passwords' });
    // The failures count towards the account's lockout like sign-in failures.
    expect(world.core.vault.db().prepare('SELECT failed_logins AS n FROM users WHERE username = ?').get(OWNER.username)).toEqual({ n: 5 });

    time.advance(60_000);
    expect(await world.router.dispatch(owner, 'session.unlock', { password: OWNER.password })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(owner, 'users.setRole', { username: 'support1', role: 'sales', ownerPassword: OWNER.password })).toMatchObject({ ok: true, value: { role: 'sales' } });
    expect(roleOf(world, 'support1')).toBe('sales');
    // A right password clears the counters, as a sign-in does.
    expect(world.core.vault.db().prepare('SELECT failed_logins AS n FROM users WHERE username = ?').get(OWNER.username)).toEqual({ n: 0 });
    expect(await wrongRole()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    world.core.close();
  });

  it('enough failures in a row lock the account and end its sessions, as sign-in does', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    approvalsOff(world.core, world.core.sessions.current('owner')!); // not about approvals
    const manager = world.caller('manager');
    let locks = 0;
    for (let i = 0; i < LOCKOUT_AFTER; i += 1) {
      time.advance(61_000);
      const answer = await world.router.dispatch(manager, 'account.totp.disable', { password: `wrong guess ${i}` });
      if (!answer.ok && answer.error.code === 'LOCKED') {
        locks += 1;
        // Unlocking needs the right password; it does not reset the account's counter.
        time.advance(61_000);
        if (i < LOCKOUT_AFTER - 1) expect(await world.router.dispatch(manager, 'session.unlock', { password: PASSWORD })).toMatchObject({ ok: true });
      }
    }
    expect(locks).toBe(2);
    expect(world.core.vault.db().prepare("SELECT status FROM users WHERE username = 'manager1'").get()).toEqual({ status: 'locked' });
    expect(await world.router.dispatch(manager, 'customers.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(world.core.vault.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'lockout' AND username = 'manager1'").get()).toEqual({ n: 1 });
    world.core.close();
  });
});
