import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../shared/contract';
import { describeApproval, type Pending } from '../../../renderer/src/features/users/approval-text';
import { en, type MessageKey } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

const CATALOG: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
const translator = (locale: Locale) => (key: MessageKey, params: Record<string, string | number> = {}) =>
  CATALOG[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

const request = (operation: string, summary: Pending['summary'] = {}): Pending =>
  ({ id: 1, operation, summary: { targetUsername: 'ada', ...summary }, requester: { id: 2, username: 'boss', displayName: 'Boss' }, createdAt: '2026-01-01T00:00:00Z' }) as unknown as Pending;

describe('approval requests read as what they ask for', () => {
  it.each<Locale>(['zh-CN', 'en'])('%s: each kind has its own sentence, with both names and no placeholder left', (locale) => {
    const t = translator(locale);
    const L = CATALOG[locale];
    const cases: [Pending, MessageKey][] = [
      [request('users.setRole', { role: 'manager' }), 'approvals.role'],
      [request('account.totp.disable'), 'approvals.2fa'],
      [request('users.setStatus', { status: 'disabled' }), 'approvals.disableOwner'],
      [request('users.setStatus', { status: 'active' }), 'approvals.enableOwner'],
      [request('users.resetPassword'), 'approvals.resetOwner'],
      [request('users.create'), 'approvals.createOwner'],
    ];
    const texts = cases.map(([pending, key]) => {
      const text = describeApproval(t, pending);
      expect(text).toBe(t(key, { by: 'boss', user: 'ada', role: L['role.manager'] }));
      expect(text).toContain('boss');
      expect(text).toContain('ada');
      expect(text).not.toMatch(/[{}]/);
      return text;
    });
    expect(new Set(texts).size).toBe(cases.length);
  });

  it.each<Locale>(['zh-CN', 'en'])('%s: a kind this build does not know reads neutrally, not as the 2FA request', (locale) => {
    const t = translator(locale);
    const text = describeApproval(t, request('user.something-new'));
    expect(text).toBe(t('approvals.other', { by: 'boss', user: 'ada' }));
    expect(text).not.toBe(t('approvals.2fa', { by: 'boss', user: 'ada' }));
  });
});
