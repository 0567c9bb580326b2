import { expect, it } from 'vitest';
import { base32Decode, hotp } from '../../electron/core/auth/totp';
import { describeKeychain } from '../support/keyring';
import { PASSWORD, accessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

describeKeychain('two-step sign-in (TOTP) through the router', () => {
  it('enrol, sign in with a code, refuse its reuse, accept a recovery code once', async () => {
    let t = Date.UTC(2026, 10, 22, 9, 0, 10);
    const world = await accessWorld({ now: () => t });
    const sales = world.caller('sales');
    const begun = await world.router.dispatch(sales, 'account.totp.begin', {});
    const { secret, uri } = (begun.ok ? begun.value : {}) as { secret: string; uri: string };
    expect(uri).toContain(`secret=${secret}`);
    const codeAt = (ms: number) => hotp(base32Decode(secret), Math.floor(ms / 30_000));
    expect(await world.router.dispatch(sales, 'account.totp.confirm', { code: '000000' === codeAt(t) ? '111111' : '000000' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const confirmed = await world.router.dispatch(sales, 'account.totp.confirm', { code: codeAt(t) });
    const recoveryCodes = (confirmed.ok ? (confirmed.value as { recoveryCodes: string[] }).recoveryCodes : []) as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(await world.router.dispatch(sales, 'app.status', {})).toMatchObject({ ok: true, value: { twoFactor: 'on' } });

    const window = { senderId: 'new-window' };
    const login = (code?: string) => world.router.dispatch(window, 'session.login', { username: 'sales1', password: PASSWORD, ...(code ? { code } : {}) });
    expect(await login()).toMatchObject({ ok: false, error: { code: 'SECOND_FACTOR_REQUIRED' } });
    // The enrolment code's step is used up: the same code cannot sign in.
    expect(await login(codeAt(t))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    t += 30_000;
    expect(await login(codeAt(t))).toMatchObject({ ok: true });
    expect(await world.router.dispatch({ senderId: 'third' }, 'session.login', { username: 'sales1', password: PASSWORD, code: codeAt(t) })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    t += 5_000;
    expect(await world.router.dispatch({ senderId: 'fourth' }, 'session.login', { username: 'sales1', password: PASSWORD, code: recoveryCodes[0]! })).toMatchObject({ ok: true });
    t += 5_000;
    expect(await world.router.dispatch({ senderId: 'fifth' }, 'session.login', { username: 'sales1', password: PASSWORD, code: recoveryCodes[0]! })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const stored = JSON.stringify(world.core.vault.db().prepare('SELECT * FROM users').all());
    for (const code of recoveryCodes) expect(stored).not.toContain(code);
    world.core.close();
  });

  it('when the owner requires 2FA, a user without it can only enrol', async () => {
    const t = Date.UTC(2026, 10, 22, 9, 0, 10);
    const world = await accessWorld({ now: () => t });
    expect(await world.router.dispatch(world.caller('owner'), 'settings.setRequire2fa', { required: true, password: 'wrong one 1' })).toMatchObject({ ok: false });
    expect(await world.router.dispatch(world.caller('owner'), 'settings.setRequire2fa', { required: true, password: OWNER.password })).toEqual({ ok: true, value: { required: true } });
    const window = { senderId: 'support-window' };
    expect(await world.router.dispatch(window, 'session.login', { username: 'support1', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(window, 'app.status', {})).toMatchObject({ ok: true, value: { twoFactor: 'required' } });
    expect(await world.router.dispatch(window, 'customers.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'TWO_FACTOR_SETUP_REQUIRED' } });
    const begun = await world.router.dispatch(window, 'account.totp.begin', {});
    const secret = (begun.ok ? (begun.value as { secret: string }).secret : '') as string;
    expect(await world.router.dispatch(window, 'account.totp.confirm', { code: hotp(base32Decode(secret), Math.floor(t / 30_000)) })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(window, 'customers.list', { limit: 5 })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(window, 'account.totp.disable', { password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const actions = world.core.vault.db().prepare("SELECT action FROM audit_log WHERE action LIKE 'user.2fa%' OR (action = 'settings.change' AND fields = '[\"require2fa\"]')").all();
    expect(actions).toEqual([{ action: 'settings.change' }, { action: 'user.2fa.enable' }]);
    world.core.close();
  });
});
