import { useEffect } from 'react';
import { pickRefreshHints, REFRESH_EVENT } from '../../../shared/refresh-hints';
import { invalidate } from '.';

/**
 * Main's "re-read these" hints (shared/refresh-hints.ts), as the preload passes them on: each
 * known prefix invalidates its cached queries, and 'app.status' (the app store's, not a query)
 * calls `onAppStatus`, which brings the lock screen up after an idle lock or the menu's Lock.
 * This is what replaced the status and Backups polls.
 */
export function useRefreshHints(onAppStatus: () => void): void {
  useEffect(() => {
    const onHint = (event: Event) => {
      // Checked again here: the page's own code could dispatch the event too.
      const hints = pickRefreshHints((event as CustomEvent<unknown>).detail);
      if (hints.includes('app.status')) onAppStatus();
      const prefixes = hints.filter((hint) => hint !== 'app.status');
      if (prefixes.length > 0) void invalidate(prefixes);
    };
    window.addEventListener(REFRESH_EVENT, onHint);
    return () => window.removeEventListener(REFRESH_EVENT, onHint);
  }, [onAppStatus]);
}
