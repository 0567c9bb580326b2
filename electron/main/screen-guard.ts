import type { Core } from '../core';
import { readProtectedRoles, shouldProtectWindow } from '../core/settings/screen-protection';

export interface ScreenGuardDeps {
  core: Pick<Core, 'vault' | 'sessions'>;
  /** The window's session key (the router's senderId for its web contents). */
  senderId: string;
  /** win.setContentProtection in Electron. */
  apply: (on: boolean) => void;
}

/**
 * Keeps the window's content protection in step with who is signed in and the owner's setting.
 * Every change of either arrives through a routed call (sign-in, sign-out, unlock, restore, the
 * setting saved), so main calls check() after each one; an idle lock keeps the role, so the timer
 * needs none. No rule here (core's shouldProtectWindow decides); Electron-free so the stand-in
 * test runs the same wiring. apply is called once at start and then only on a change.
 */
export function createScreenGuard(deps: ScreenGuardDeps): { check(): void } {
  let current: boolean | undefined;
  const wanted = (): boolean => {
    if (deps.core.vault.state() !== 'unlocked') return false;
    const role = deps.core.sessions.current(deps.senderId)?.role ?? null;
    return role !== null && shouldProtectWindow(readProtectedRoles(deps.core.vault.db()), role);
  };
  const check = () => {
    let next: boolean;
    try {
      next = wanted();
    } catch {
      // The vault closing under us (restore, quit): no session survives that.
      next = false;
    }
    if (next === current) return;
    current = next;
    deps.apply(next);
  };
  check();
  return { check };
}
