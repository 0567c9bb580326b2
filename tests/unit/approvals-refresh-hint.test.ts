import { describe, expect, it } from 'vitest';
import { startRefreshHints, type RefreshHintDeps } from '../../electron/main/refresh-hints';
import { pickRefreshHints } from '../../shared/refresh-hints';

// Main's side of an approval request being made, decided, withdrawn or used elsewhere: the window
// re-reads approvals.* (nav badge, inbox, "mine"); nothing else is sent and no notification shows.

function fakeCore() {
  const core = {
    vault: { state: () => 'unlocked' },
    sessions: { lockIdle: () => [], current: () => ({ locked: false }) },
    backups: { onChange: () => () => undefined },
    reminders: { takeNewlyDue: () => 0 },
    app: { locale: () => 'en' },
  };
  return core as unknown as RefreshHintDeps['core'];
}

describe("the 'approvals.' refresh hint", () => {
  it('is a known hint the preload passes on', () => {
    expect(pickRefreshHints(['approvals.', 'approvals.list'])).toEqual(['approvals.']);
  });

  it("hints 'approvals.' once per change, without a notification; stop unsubscribes", () => {
    const listeners = new Set<() => void>();
    const onApprovalChange = (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    };
    const sent: string[][] = [];
    const notices: unknown[] = [];
    const stop = startRefreshHints({ core: fakeCore(), senderId: 'me', send: (h) => sent.push(h), notify: (n) => notices.push(n), onApprovalChange });
    expect(listeners.size).toBe(1);
    for (const listener of listeners) listener();
    for (const listener of listeners) listener();
    expect(sent).toEqual([['approvals.'], ['approvals.']]);
    expect(notices).toEqual([]);
    stop();
    expect(listeners.size).toBe(0);
  });
});
