import type { RefreshHint } from '../../shared/refresh-hints';
import type { Core } from '../core';
import type { MenuCommand } from '../../shared/menu-commands';
import { takeDueNotice } from '../core/reminders/due-notice';
import { alertNoticeText } from './alert-notice';

/** How often main asks core to lock idle sessions: the lock screen is at most this late. */
export const IDLE_CHECK_MS = 15_000;
/** Reminders that fall due while the app runs: one look a minute is soon enough for a follow-up. */
export const REMINDER_CHECK_MS = 60_000;

export interface RefreshHintDeps {
  core: Pick<Core, 'vault' | 'sessions' | 'backups' | 'reminders' | 'app'>;
  /** The window's session key (the router's senderId for its web contents). */
  senderId: string;
  /** Sends hint names to the window (webContents.send(REFRESH_EVENT, hints) in Electron). */
  send: (hints: RefreshHint[]) => void;
  /**
   * A desktop notification for due reminders (a count only) or a new security alert (no data at
   * all); `open` is the screen its click opens. Absent where none can be shown.
   */
  notify?: (notice: { title: string; body: string }, open?: MenuCommand) => void;
  /** Core's "an alert was raised" event (it carries no data); returns the unsubscribe. */
  onAlert?: (listener: () => void) => () => void;
  /** Core's "an approval request was made, decided, withdrawn or used" event (no data); returns the unsubscribe. */
  onApprovalChange?: (listener: () => void) => () => void;
  /** Core's "a retention run or batch chunk happened" event (no data): the batch's progress on the page. */
  onRetentionChange?: (listener: () => void) => () => void;
  idleCheckMs?: number;
  reminderCheckMs?: number;
}

/**
 * The changes a window cannot see coming, turned into "re-read these" hints instead of the
 * window polling: its session locking for idleness (core decides and audits, this only asks on
 * a timer), any backup, drill or restore starting or ending (schedule, menu, quit or a click),
 * reminders falling due, and a monitoring rule raising an alert. No rule lives here; Electron-free so the e2e harness runs the same
 * wiring against its page. Returns the stop for window close.
 */
export function startRefreshHints(deps: RefreshHintDeps): () => void {
  const { core } = deps;
  const unlocked = () => core.vault.state() === 'unlocked';
  const idleTimer = setInterval(() => {
    if (unlocked() && core.sessions.lockIdle().includes(deps.senderId)) deps.send(['app.status']);
  }, deps.idleCheckMs ?? IDLE_CHECK_MS);
  const reminderTimer = setInterval(() => {
    if (!unlocked()) return;
    const notice = takeDueNotice(core.reminders, core.sessions.current(deps.senderId), core.app.locale());
    if (!notice) return;
    deps.send(['reminders.', 'dashboard.']);
    deps.notify?.(notice);
  }, deps.reminderCheckMs ?? REMINDER_CHECK_MS);
  // The dashboard's backup card reads backup.status too, so 'backup.' covers it.
  const unsubscribe = core.backups.onChange(() => deps.send(['backup.']));
  // A monitoring rule fired: the inbox, its badge and the dashboard card re-read alerts.*, and the
  // desktop says only that there is a new alert (alert-notice.ts), in the app's language. The
  // status too: a 'block' rule may just have locked this window's session (the lock screen comes up).
  const stopAlerts = deps.onAlert?.(() => {
    deps.send(['app.status', 'alerts.']);
    deps.notify?.(alertNoticeText(core.app.locale()), 'alerts.open');
  });
  // Another person asked, decided or withdrew: the nav badge and the inbox re-read approvals.*
  // (no notification: the badge is the signal; the request's details stay behind the router).
  const stopApprovals = deps.onApprovalChange?.(() => deps.send(['approvals.']));
  const stopRetention = deps.onRetentionChange?.(() => deps.send(['retention.']));
  return () => {
    stopRetention?.();
    stopApprovals?.();
    clearInterval(idleTimer);
    clearInterval(reminderTimer);
    unsubscribe();
    stopAlerts?.();
  };
}
