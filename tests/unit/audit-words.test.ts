import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../electron/core/audit/audit-log';
import { AUDIT_GROUPS, AUDIT_READ_ACTIONS } from '../../shared/audit-groups';
import { SENSITIVE_CUSTOMER_FIELDS } from '../../shared/customers';
import type { Locale } from '../../shared/contract';
import { describeAudit, type AuditRow } from '../../renderer/src/features/audit/audit-words';
import { en, type MessageKey } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

const CATALOG: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
const translator = (locale: Locale) => (key: MessageKey, params: Record<string, string | number> = {}) =>
  CATALOG[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 1, at: '2026-12-01T06:48:00.000Z', username: 'lily', role: 'sales', action: 'login', entity: null, recordId: null, outcome: 'ok',
  fields: [], reason: null, userName: 'Lily 李', customerId: null, customerName: null, targetUserName: null, ...over,
});
const CJK = /[\u4e00-\u9fff]/;

describe('every audit action reads as words, in both languages', () => {
  it.each(AUDIT_ACTIONS)('%s has an English and a Chinese sentence', (action) => {
    const key = `auditWords.${action}` as MessageKey;
    expect(en[key], `English words for ${action}`).toBeTruthy();
    expect(zhCN[key], `Chinese words for ${action}`).toMatch(CJK);
    // Both sentences take the same names: a placeholder only one language uses would show raw.
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(names(zhCN[key])).toEqual(names(en[key]));
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = describeAudit(translator(locale), row({ action, entity: 'customer', recordId: '7', customerId: 7, customerName: '王伟', targetUserName: 'Ada', fields: ['mobile'] }));
      expect(text).not.toMatch(/[{}]/);
      // Not the fallback that shows the stored name ("Action customer.read").
      if (action.includes('.')) expect(text).not.toContain(action);
    }
  });

  it('puts every action in exactly one filter group, and hides only real actions as reads', () => {
    const grouped = Object.values(AUDIT_GROUPS).flat();
    expect([...grouped].sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const action of AUDIT_READ_ACTIONS) expect(AUDIT_ACTIONS).toContain(action);
    // The read a reviewer most wants to see is never hidden with the others.
    expect(AUDIT_READ_ACTIONS).not.toContain('customer.reveal');
    for (const group of Object.keys(AUDIT_GROUPS)) {
      expect(en[`auditPage.group.${group}` as MessageKey]).toBeTruthy();
      expect(zhCN[`auditPage.group.${group}` as MessageKey]).toMatch(CJK);
    }
  });

  it('names what was revealed and whose, or only the number where the reader may not know the customer', () => {
    const reveal = row({ action: 'customer.reveal', entity: 'customer', recordId: '12', customerId: 12, customerName: '王伟', fields: ['mobile'] });
    expect(describeAudit(translator('en'), reveal)).toBe('Viewed the full mobile number of 王伟');
    expect(describeAudit(translator('zh-CN'), reveal)).toBe('查看了 王伟 的完整手机号');
    const hidden = { ...reveal, customerName: null };
    expect(describeAudit(translator('en'), hidden)).toBe('Viewed the full mobile number of customer #12');
    expect(describeAudit(translator('zh-CN'), hidden)).toBe('查看了 客户 #12 的完整手机号');
    for (const field of SENSITIVE_CUSTOMER_FIELDS) {
      expect(describeAudit(translator('zh-CN'), { ...reveal, fields: [field] })).not.toContain(field);
    }
    expect(describeAudit(translator('en'), row({ action: 'user.role', entity: 'user', recordId: '3', targetUserName: 'Ada' }))).toBe('Changed the role of Ada');
    expect(describeAudit(translator('zh-CN'), row({ action: 'login' }))).toBe('登录');
    expect(describeAudit(translator('en'), row({ action: 'some.future' }))).toBe('Action some.future');
  });

  it('says each outcome in words', () => {
    for (const outcome of ['ok', 'denied', 'rejected', 'failed'] as const) {
      expect(en[`auditPage.outcome.${outcome}`]).toBeTruthy();
      expect(zhCN[`auditPage.outcome.${outcome}`]).toMatch(CJK);
    }
  });
});
