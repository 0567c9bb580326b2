import { describe, expect, it, vi } from 'vitest';
import { pickRefreshHints, REFRESH_EVENT, REFRESH_HINTS } from '../../../shared/refresh-hints';
import { IDLE_CHECK_MS, REMINDER_CHECK_MS, startRefreshHints, type RefreshHintDeps } from '../../../electron/main/refresh-hints';

// The preload's side of main's "re-read these" hint: only names on the fixed list reach the page.

const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, listener) },
}));

describe('refresh hints', () => {
  it('keeps known names once, in list order, and drops everything else', () => {
    expect(pickRefreshHints(['backup.', 'app.status', 'backup.'])).toEqual(['app.status', 'backup.']);
    expect(pickRefreshHints(['customers.', 'app.status.x', 'app.', '', 42, null, { toString: () => 'app.status' }])).toEqual([]);
    expect(pickRefreshHints('app.status')).toEqual([]);
    expect(pickRefreshHints(undefined)).toEqual([]);
    expect(REFRESH_HINTS).toContain('app.status');
  });

  it('the preload re-dispatches known names as a DOM event and swallows a message with none', async () => {
    const seen: unknown[] = [];
    const target = new EventTarget();
    vi.stubGlobal('dispatchEvent', target.dispatchEvent.bind(target));
    target.addEventListener(REFRESH_EVENT, (event) => seen.push((event as CustomEvent).detail));
    await import('../../../electron/preload/index');
    const deliver = listeners.get(REFRESH_EVENT);
    expect(deliver).toBeTypeOf('function');
    deliver!({}, ['app.status', 'users.', 'reminders.']);
    deliver!({}, ['users.list', 'customers.']);
    deliver!({}, 'app.status');
    expect(seen).toEqual([['app.status', 'reminders.']]);
    vi.unstubAllGlobals();
  });
});

describe("main's hint wiring (electron/main/refresh-hints.ts)", () => {
  function fakeCore(vault: 'unlocked' | 'locked' = 'unlocked') {
    const backupListeners = new Set<() => void>();
    const state = { vault, idle: [] as string[], due: 0 };
    const core = {
      vault: { state: () => state.vault },
      sessions: { lockIdle: vi.fn(() => state.idle.splice(0)), current: () => ({ locked: false }) },
      backups: {
        onChange: (listener: () => void) => {
          backupListeners.add(listener);
          return () => backupListeners.delete(listener);
        },
      },
      reminders: { takeNewlyDue: () => state.due },
      app: { locale: () => 'en' },
    };
    return { core: core as unknown as RefreshHintDeps['core'], state, backupListeners };
  }

  it("hints 'app.status' only when this window's session was locked for idleness, and asks nothing while the vault is locked", () => {
    vi.useFakeTimers();
    const { core, state } = fakeCore();
    const sent: string[][] = [];
    const stop = startRefreshHints({ core, senderId: 'me', send: (h) => sent.push(h) });
    vi.advanceTimersByTime(IDLE_CHECK_MS);
    state.idle = ['someone-else'];
    vi.advanceTimersByTime(IDLE_CHECK_MS);
    expect(sent).toEqual([]);
    state.idle = ['someone-else', 'me'];
    vi.advanceTimersByTime(IDLE_CHECK_MS);
    expect(sent).toEqual([['app.status']]);
    state.vault = 'locked';
    state.idle = ['me'];
    vi.advanceTimersByTime(IDLE_CHECK_MS * 3);
    expect(sent).toEqual([['app.status']]);
    stop();
    vi.useRealTimers();
  });

  it("hints 'backup.' on every job change and reminders when some fall due; stop ends both", () => {
    vi.useFakeTimers();
    const { core, state, backupListeners } = fakeCore();
    const sent: string[][] = [];
    const notices: unknown[] = [];
    const stop = startRefreshHints({ core, senderId: 'me', send: (h) => sent.push(h), notify: (n) => notices.push(n) });
    for (const listener of backupListeners) listener();
    expect(sent).toEqual([['backup.']]);
    vi.advanceTimersByTime(REMINDER_CHECK_MS);
    expect(sent).toHaveLength(1);
    state.due = 2;
    vi.advanceTimersByTime(REMINDER_CHECK_MS);
    expect(sent).toEqual([['backup.'], ['reminders.', 'dashboard.']]);
    expect(notices).toHaveLength(1);
    stop();
    expect(backupListeners.size).toBe(0);
    vi.advanceTimersByTime(REMINDER_CHECK_MS * 2);
    expect(sent).toHaveLength(2);
    vi.useRealTimers();
  });
});
