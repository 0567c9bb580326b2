import { expect, it } from 'vitest';
import { setMeta } from '../../electron/core/db/meta-repository';
import { shouldProtectWindow } from '../../electron/core/settings/screen-protection';
import { createScreenGuard } from '../../electron/main/screen-guard';
import { describeKeychain } from '../support/keyring';
import { accessWorld, ROLE_LIST } from './access-helpers';

/** Issue 15: which roles' windows are kept out of screenshots, and main's guard following it. */
describeKeychain('screen protection', () => {
  it('the rule: the signed-in role decides, and no session is never protected', () => {
    expect(shouldProtectWindow(['sales', 'support'], 'sales')).toBe(true);
    expect(shouldProtectWindow(['sales', 'support'], 'owner')).toBe(false);
    expect(shouldProtectWindow([...ROLE_LIST], null)).toBe(false);
  });

  it('defaults to sales and support; the owner changes it with an audit row; other roles are refused', async () => {
    const world = await accessWorld();
    const owner = world.caller('owner');
    expect(await world.router.dispatch(owner, 'settings.screenProtection', {})).toEqual({ ok: true, value: { roles: ['sales', 'support'] } });
    // Saved in the fixed role order, duplicates folded.
    expect(await world.router.dispatch(owner, 'settings.setScreenProtection', { roles: ['support', 'owner', 'owner'] })).toEqual({ ok: true, value: { roles: ['owner', 'support'] } });
    expect(await world.router.dispatch(owner, 'settings.screenProtection', {})).toEqual({ ok: true, value: { roles: ['owner', 'support'] } });
    const rows = world.core.vault.db().prepare("SELECT username, outcome, reason FROM audit_log WHERE action = 'settings.screenProtection'").all();
    expect(rows).toEqual([{ username: 'anna', outcome: 'ok', reason: 'sales,support -> owner,support' }]);
    for (const role of ROLE_LIST.filter((r) => r !== 'owner')) {
      expect(await world.router.dispatch(world.caller(role), 'settings.setScreenProtection', { roles: [] }), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await world.router.dispatch(owner, 'settings.setScreenProtection', { roles: ['nobody'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A damaged stored value protects every role rather than none.
    setMeta(world.core.vault.db(), 'settings.screenProtection', '{not json');
    expect(await world.router.dispatch(owner, 'settings.screenProtection', {})).toEqual({ ok: true, value: { roles: [...ROLE_LIST] } });
  });

  it("main's guard applies the rule per window and only on a change", async () => {
    const world = await accessWorld();
    const calls: Record<string, boolean[]> = { owner: [], sales: [], nobody: [] };
    const guard = (senderId: string) => createScreenGuard({ core: world.core, senderId, apply: (on) => calls[senderId]!.push(on) });
    const owner = guard('owner');
    const sales = guard('sales');
    const nobody = guard('nobody');
    expect(calls).toEqual({ owner: [false], sales: [true], nobody: [false] });
    // A locked window keeps its role's protection.
    world.core.sessions.lock('sales');
    sales.check();
    expect(calls.sales).toEqual([true]);
    await world.router.dispatch(world.caller('owner'), 'settings.setScreenProtection', { roles: ['owner'] });
    for (const g of [owner, sales, nobody]) g.check();
    expect(calls).toEqual({ owner: [false, true], sales: [true, false], nobody: [false] });
    owner.check();
    expect(calls.owner).toEqual([false, true]);
    // Signed out: off.
    world.core.sessions.end('owner');
    owner.check();
    expect(calls.owner).toEqual([false, true, false]);
  });
});
