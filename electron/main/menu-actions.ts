import type { ChannelName } from '../../shared/contract';
import type { MenuCommand } from '../../shared/menu-commands';
import type { RefreshHint } from '../../shared/refresh-hints';
import { callerOf } from '../ipc/caller';
import type { Router } from '../ipc/router';

export interface MenuActions {
  lockNow: () => Promise<void>;
  backUpNow: () => Promise<void>;
  runDrill: () => Promise<void>;
  openRestore: () => void;
}

export interface MenuActionDeps {
  router: Router;
  /** The id of the web contents of our focused window, or undefined when none is ours. */
  focusedContentsId: () => number | undefined;
  /** Sends a screen-opening command to that window (the preload turns it into a DOM event). */
  sendToWindow: (command: MenuCommand) => void;
  /** Tells that window what to re-read (Lock Now: its status, so the lock screen comes up at once). */
  refreshWindow?: (hints: RefreshHint[]) => void;
  /** A data-free line for the log: the channel and the error code, never a value. */
  log: (line: string) => void;
}

/**
 * The menu is one more caller of the router, never a second door: each job is dispatched as the
 * focused window's caller, so the session lookup, the lock, two-step enrolment, the role check,
 * the idle touch and the audit of a refusal are the router's, exactly as for a click in the page.
 * Without a window of ours there is no caller, and nothing runs.
 */
export function createMenuActions(deps: MenuActionDeps): MenuActions {
  const dispatch = async (channel: ChannelName): Promise<boolean> => {
    const id = deps.focusedContentsId();
    if (id === undefined) return false;
    const result = await deps.router.dispatch(callerOf(id), channel, {});
    // The page shows the outcome (Backups page, lock screen); the log only says it was refused.
    if (!result.ok) deps.log(`menu ${channel} refused: ${result.error.code}`);
    return result.ok;
  };
  return {
    lockNow: async () => {
      if (await dispatch('session.lock')) deps.refreshWindow?.(['app.status']);
    },
    // Their start and end reach the window through the backup service's own hint (refresh-hints.ts).
    backUpNow: async () => void (await dispatch('backup.run')),
    runDrill: async () => void (await dispatch('backup.drill')),
    // Restore needs the password typed in the window: the menu only opens that screen, the page
    // checks the role before showing it, and the restore itself is a router call (backup.restore).
    openRestore: () => {
      if (deps.focusedContentsId() !== undefined) deps.sendToWindow('backups.restore');
    },
  };
}
