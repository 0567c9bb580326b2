import { expect, it } from 'vitest';
import type { MenuCommand } from '../../shared/menu-commands';
import { callerOf } from '../../electron/ipc/caller';
import { createMenuActions } from '../../electron/main/menu-actions';
import { describeKeychain } from '../support/keyring';
import { accessWorld, PASSWORD } from './access-helpers';

// The menu is not a second door: its jobs run through the same router as the window's clicks,
// as that window's caller, with the router's checks and its audit of a refusal.

const WINDOW_ID = 7;

function rejectedRows(world: Awaited<ReturnType<typeof accessWorld>>): { username: string | null; reason: string }[] {
  return world.core.vault.db().prepare("SELECT username, reason FROM audit_log WHERE action = 'ipc.rejected' ORDER BY id").all() as { username: string | null; reason: string }[];
}

describeKeychain('menu actions go through the router', () => {
  it('runs as the focused window: a role without the permission is refused and the refusal is audited', async () => {
    const world = await accessWorld({ fastDisk: true });
    const login = await world.router.dispatch(callerOf(WINDOW_ID), 'session.login', { username: 'sales1', password: PASSWORD });
    expect(login.ok).toBe(true);
    const logged: string[] = [];
    const sent: MenuCommand[] = [];
    const hints: string[][] = [];
    const menu = createMenuActions({ router: world.router, focusedContentsId: () => WINDOW_ID, sendToWindow: (c) => sent.push(c), refreshWindow: (h) => hints.push(h), log: (l) => logged.push(l) });

    const before = rejectedRows(world).length;
    await menu.backUpNow();
    await menu.runDrill();
    expect(rejectedRows(world).slice(before)).toEqual([
      { username: 'sales1', reason: 'FORBIDDEN backup.run' },
      { username: 'sales1', reason: 'FORBIDDEN backup.drill' },
    ]);
    expect(logged).toEqual(['menu backup.run refused: FORBIDDEN', 'menu backup.drill refused: FORBIDDEN']);

    // Lock Now locks this window's session, and only it, and tells that window to re-read its status.
    expect(hints).toEqual([]);
    await menu.lockNow();
    expect(world.core.sessions.current(callerOf(WINDOW_ID).senderId)?.locked).toBe(true);
    expect(hints).toEqual([['app.status']]);
    expect(world.core.sessions.current('owner')?.locked).toBe(false);
    // A locked session's menu job is refused by the router (LOCKED), not run.
    await menu.backUpNow();
    expect(logged.at(-1)).toBe('menu backup.run refused: LOCKED');

    menu.openRestore();
    expect(sent).toEqual(['backups.restore']);
    world.core.close();
  });

  it('without a window of ours nothing is dispatched and nothing is sent', async () => {
    const world = await accessWorld({ fastDisk: true });
    const before = world.core.vault.db().prepare('SELECT COUNT(*) AS n FROM audit_log').get();
    const sent: MenuCommand[] = [];
    const calls: unknown[] = [];
    const router = { dispatch: (...args: unknown[]) => (calls.push(args), world.router.dispatch(...(args as [never, never, never]))) };
    const menu = createMenuActions({ router, focusedContentsId: () => undefined, sendToWindow: (c) => sent.push(c), log: () => undefined });
    await menu.backUpNow();
    await menu.runDrill();
    await menu.lockNow();
    menu.openRestore();
    expect(calls).toEqual([]);
    expect(sent).toEqual([]);
    expect(world.core.vault.db().prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(before);
    world.core.close();
  });
});
