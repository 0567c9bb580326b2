import { describe, expect, it, vi } from 'vitest';
import { pickRefreshHints, REFRESH_EVENT, REFRESH_HINTS } from '../../../shared/refresh-hints';

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
