import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { PASSWORD, ROLE_LIST, accessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

type World = Awaited<ReturnType<typeof accessWorld>>;
const NEW_PASSWORD = 'Quiet harbour 77';
const usernameOf = (role: string) => (role === 'owner' ? OWNER.username : `${role}1`);
const passwordOf = (role: string) => (role === 'owner' ? OWNER.password : PASSWORD);
const lastAuditId = (world: World) => (world.core.vault.db().prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
const hashOf = (world: World, username: string) => (world.core.vault.db().prepare('SELECT password_hash AS h FROM users WHERE username = ?').get(username) as { h: string }).h;

describeKeychain('account.changePassword: users change their own password', () => {
  it('needs the current password and a strong new one; other windows end, this one stays; audited', async () => {
    const world = await accessWorld();
    const sales = world.caller('sales');
    const otherWindow = { senderId: 'sales-laptop' };
    expect(await world.router.dispatch(otherWindow, 'session.login', { username: 'sales1', password: PASSWORD })).toMatchObject({ ok: true });
    const hashBefore = hashOf(world, 'sales1');
    const before = lastAuditId(world);

    expect(await world.router.dispatch(sales, 'account.changePassword', { oldPassword: PASSWORD, newPassword: 'short1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { newPassword: 'too-short' } },
    });
    expect(await world.router.dispatch(sales, 'account.changePassword', { oldPassword: PASSWORD, newPassword: 'xsales1-lantern 4' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { newPassword: 'contains-username' } },
    });
    expect(await world.router.dispatch(sales, 'account.changePassword', { oldPassword: PASSWORD, newPassword: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { newPassword: 'same-as-old' } },
    });
    expect(await world.router.dispatch(sales, 'account.changePassword', { oldPassword: 'not my password 1', newPassword: NEW_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', fields: { oldPassword: 'wrong' } },
    });
    expect(hashOf(world, 'sales1')).toBe(hashBefore);
    // A wrong current password is a failed sign-in: audited and counted towards the lockout.
    expect(world.core.vault.db().prepare("SELECT action, outcome, reason FROM audit_log WHERE id > ? AND username = 'sales1'").all(before)).toEqual([
      { action: 'login.failed', outcome: 'denied', reason: 're-entry: wrong password' },
    ]);
    expect(world.core.vault.db().prepare("SELECT failed_logins AS n FROM users WHERE username = 'sales1'").get()).toEqual({ n: 1 });

    expect(await world.router.dispatch(sales, 'account.changePassword', { oldPassword: PASSWORD, newPassword: NEW_PASSWORD })).toEqual({ ok: true, value: { sessionsEnded: 1 } });
    expect(await world.router.dispatch(otherWindow, 'customers.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await world.router.dispatch(sales, 'customers.list', { limit: 5 })).toMatchObject({ ok: true });
    // Other users' windows are untouched.
    expect(await world.router.dispatch(world.caller('manager'), 'customers.list', { limit: 5 })).toMatchObject({ ok: true });

    expect(await world.router.dispatch(otherWindow, 'session.login', { username: 'sales1', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await world.router.dispatch(otherWindow, 'session.login', { username: 'sales1', password: NEW_PASSWORD })).toMatchObject({ ok: true });

    const rows = world.core.vault.db().prepare("SELECT action, entity, record_id AS recordId, fields, outcome FROM audit_log WHERE action = 'user.password.change'").all();
    expect(rows).toEqual([{ action: 'user.password.change', entity: 'user', recordId: String(world.userIds.sales), fields: '["password"]', outcome: 'ok' }]);
    const log = JSON.stringify(world.core.vault.db().prepare('SELECT * FROM audit_log').all());
    expect(log).not.toContain(NEW_PASSWORD);
    expect(log).not.toContain('not my password 1');
    world.core.close();
  });

  it('every role may change its own password, and only its own', async () => {
    const world = await accessWorld();
    for (const role of ROLE_LIST) {
      const answer = await world.router.dispatch(world.caller(role), 'account.changePassword', { oldPassword: passwordOf(role), newPassword: NEW_PASSWORD });
      expect(answer, role).toEqual({ ok: true, value: { sessionsEnded: 0 } });
      expect(await world.router.dispatch({ senderId: `again-${role}` }, 'session.login', { username: usernameOf(role), password: NEW_PASSWORD }), role).toMatchObject({ ok: true });
    }
    // No window, no change: a caller without a session is refused before anything is checked.
    expect(await world.router.dispatch({ senderId: 'nobody' }, 'account.changePassword', { oldPassword: NEW_PASSWORD, newPassword: 'Another harbour 78' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    world.core.close();
  });

  it('wrong current passwords back off like sign-in', async () => {
    const world = await accessWorld();
    const support = world.caller('support');
    for (let i = 0; i < 3; i += 1) {
      expect(await world.router.dispatch(support, 'account.changePassword', { oldPassword: `guess number ${i}`, newPassword: NEW_PASSWORD })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(await world.router.dispatch(support, 'account.changePassword', { oldPassword: PASSWORD, newPassword: NEW_PASSWORD })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await world.router.dispatch({ senderId: 'x' }, 'session.login', { username: 'support1', password: NEW_PASSWORD })).toMatchObject({ ok: false });
    world.core.close();
  });
});
