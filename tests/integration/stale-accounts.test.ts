import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { PASSWORD, accessWorld, type AccessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

const DAY = 24 * 60 * 60 * 1000;

function clock(start = Date.now()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const stale = async (world: AccessWorld, senderId: string) => {
  const result = await world.router.dispatch({ senderId }, 'users.stale', {});
  if (!result.ok) throw new Error(result.error.code);
  return result.value as { days: number; users: { username: string; role: string; status: string; lastLoginAt: string | null; customersOwned: number }[] };
};
const audit = (world: AccessWorld, action: string) =>
  world.core.vault.db().prepare('SELECT username, fields, reason FROM audit_log WHERE action = ? ORDER BY id').all(action) as { username: string; fields: string | null; reason: string | null }[];

describeKeychain('the stale-account report (users.stale, settings.setStaleDays)', () => {
  it('lists accounts not signed in for 30 days by default, with last sign-in, role and customers owned', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const signedInAt = new Date(time.now()).toISOString();
    expect((await stale(world, 'owner')).users).toEqual([]);

    time.advance(29 * DAY);
    // Idle sessions locked long ago: the owner signs in again in a new window.
    expect(await world.router.dispatch({ senderId: 'owner-2' }, 'session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: true });
    expect((await stale(world, 'owner-2')).users).toEqual([]);

    time.advance(2 * DAY);
    expect(await world.router.dispatch({ senderId: 'sales-2' }, 'session.login', { username: 'sales1', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await world.router.dispatch({ senderId: 'owner-3' }, 'session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: true });
    const report = await stale(world, 'owner-3');
    expect(report.days).toBe(30);
    expect(report.users).toEqual(
      ['auditor', 'manager', 'support'].map((role) => ({ username: `${role}1`, displayName: `${role} one`, role, status: 'active', lastLoginAt: signedInAt, createdAt: expect.any(String), customersOwned: 0 })),
    );
    expect(audit(world, 'user.staleReport').map((r) => [r.username, r.reason])).toEqual([
      [OWNER.username, '30 days'],
      [OWNER.username, '30 days'],
      [OWNER.username, '30 days'],
    ]);
    world.core.close();
  });

  it('counts the customers each stale account owns, drops disabled accounts, and follows the owner\'s N', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    time.advance(45 * DAY);
    expect(await world.router.dispatch({ senderId: 'owner-2' }, 'session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: true });
    const sales = (await stale(world, 'owner-2')).users.find((u) => u.username === 'sales1');
    expect(sales).toMatchObject({ role: 'sales', customersOwned: 1 });

    // One click to disable is the Users page's own channel; the account leaves the report.
    expect(await world.router.dispatch({ senderId: 'owner-2' }, 'users.setStatus', { username: 'sales1', status: 'disabled' })).toMatchObject({ ok: true });
    expect((await stale(world, 'owner-2')).users.map((u) => u.username)).toEqual(['auditor1', 'manager1', 'support1']);

    expect(await world.router.dispatch({ senderId: 'owner-2' }, 'settings.setStaleDays', { days: 60 })).toEqual({ ok: true, value: { days: 60 } });
    expect(await stale(world, 'owner-2')).toEqual({ days: 60, users: [] });
    expect(audit(world, 'settings.change').at(-1)).toEqual({ username: OWNER.username, fields: '["staleDays"]', reason: '60' });

    for (const days of [0, 3651, 1.5]) {
      expect(await world.router.dispatch({ senderId: 'owner-2' }, 'settings.setStaleDays', { days }), String(days)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect((await stale(world, 'owner-2')).days).toBe(60);
    world.core.close();
  });

  it('an account that never signed in counts from its creation', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const db = world.core.vault.db();
    db.prepare("UPDATE users SET last_login_at = NULL, created_at = ? WHERE username = 'support1'").run(new Date(time.now() - 31 * DAY).toISOString());
    db.prepare("UPDATE users SET last_login_at = NULL, created_at = ? WHERE username = 'auditor1'").run(new Date(time.now() - 29 * DAY).toISOString());
    expect((await stale(world, 'owner')).users).toMatchObject([{ username: 'support1', lastLoginAt: null }]);
    world.core.close();
  });

  it('only the owner sees the report and sets N', async () => {
    const world = await accessWorld();
    for (const role of ['manager', 'sales', 'support', 'auditor'] as const) {
      expect(await world.router.dispatch(world.caller(role), 'users.stale', {}), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await world.router.dispatch(world.caller(role), 'settings.setStaleDays', { days: 5 }), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await stale(world, 'owner')).days).toBe(30);
    world.core.close();
  });
});
