/**
 * "What you show may be stale": main's nudge to the window when something changed without a
 * click (the idle lock, the menu's Lock, a scheduled backup, reminders falling due). Main sends
 * only names from this fixed list, the preload passes the known ones on as a DOM event, and the
 * renderer's query layer re-reads them (renderer/src/query/hints.ts). No data crosses: a page
 * that fakes the event only makes itself re-ask the router, which decides what it gets. This is
 * what replaces polling.
 */
export const REFRESH_EVENT = 'coffer:refresh';
// A name ending in '.' is a channel prefix (every backup.* query); 'app.status' is the app store's.
export const REFRESH_HINTS = ['app.status', 'backup.', 'reminders.', 'dashboard.', 'alerts.', 'approvals.', 'retention.'] as const;
export type RefreshHint = (typeof REFRESH_HINTS)[number];

export function isRefreshHint(value: unknown): value is RefreshHint {
  return typeof value === 'string' && (REFRESH_HINTS as readonly string[]).includes(value);
}

/** The known hints of a message, each once, in list order; anything else (unknown names, non-strings, a non-array) is dropped. */
export function pickRefreshHints(value: unknown): RefreshHint[] {
  if (!Array.isArray(value)) return [];
  return REFRESH_HINTS.filter((hint) => value.some((item) => item === hint));
}
