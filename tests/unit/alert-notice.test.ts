import { describe, expect, it, vi } from 'vitest';
import { alertNoticeText } from '../../electron/main/alert-notice';
import { startRefreshHints, type RefreshHintDeps } from '../../electron/main/refresh-hints';

// Main's side of a new security alert: the window re-reads alerts.*, and the desktop notification
// says only that there is an alert, in the app's language, and opens the inbox when clicked.

function fakeCore(locale: 'en' | 'zh-CN') {
  const core = {
    vault: { state: () => 'unlocked' },
    sessions: { lockIdle: () => [], current: () => ({ locked: false }) },
    backups: { onChange: () => () => undefined },
    reminders: { takeNewlyDue: () => 0 },
    app: { locale: () => locale },
  };
  return core as unknown as RefreshHintDeps['core'];
}

describe('the new-alert notification', () => {
  it('hints alerts.* and notifies once per alert with a data-free text that opens the inbox; stop unsubscribes', () => {
    const listeners = new Set<() => void>();
    const onAlert = (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    };
    const sent: string[][] = [];
    const notices: { notice: { title: string; body: string }; open: string | undefined }[] = [];
    const stop = startRefreshHints({ core: fakeCore('zh-CN'), senderId: 'me', send: (h) => sent.push(h), notify: (notice, open) => notices.push({ notice, open }), onAlert });
    expect(listeners.size).toBe(1);
    for (const listener of listeners) listener();
    expect(sent).toEqual([['app.status', 'alerts.']]);
    expect(notices).toEqual([{ notice: alertNoticeText('zh-CN'), open: 'alerts.open' }]);
    expect(notices[0]!.notice.body).toContain('安全提醒');
    stop();
    expect(listeners.size).toBe(0);
  });

  it('says the same fixed sentence whatever happened: no digits, names or rule words', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = alertNoticeText(locale);
      expect(`${text.title} ${text.body}`).not.toMatch(/\d/);
      expect(text.body).not.toMatch(/export|reveal|导出|客户/i);
    }
    expect(alertNoticeText('en').body).toBe('There is a new security alert. Open Coffer to see it.');
  });

  it('without onAlert (no monitoring core) nothing subscribes and nothing is sent', () => {
    vi.useFakeTimers();
    const sent: string[][] = [];
    const stop = startRefreshHints({ core: fakeCore('en'), senderId: 'me', send: (h) => sent.push(h) });
    vi.advanceTimersByTime(120_000);
    expect(sent).toEqual([]);
    stop();
    vi.useRealTimers();
  });
});
