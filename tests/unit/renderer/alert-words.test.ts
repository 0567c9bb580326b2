import { describe, expect, it } from 'vitest';
import { MONITOR_ACTIONS, MONITOR_RULE_IDS } from '../../../shared/monitoring';
import { actionText, ruleText } from '../../../renderer/src/features/alerts/alert-words';
import { translate } from '../../../renderer/src/i18n';

// Every rule and action the core knows has its own words in both languages: the inbox and the
// rules settings never show a code name ('reveals.many') to a shop owner.
describe('alert words', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
    it(`${locale}: each rule and action reads as words, distinct from each other`, () => {
      const rules = MONITOR_RULE_IDS.map((id) => ruleText(t, id));
      for (const [i, text] of rules.entries()) expect(text, MONITOR_RULE_IDS[i]).not.toContain(MONITOR_RULE_IDS[i]);
      expect(new Set(rules).size).toBe(rules.length);
      const actions = MONITOR_ACTIONS.map((a) => actionText(t, a));
      expect(new Set(actions).size).toBe(actions.length);
      // A rule this build does not know yet still reads as a rule.
      expect(ruleText(t, 'future.rule')).toContain('future.rule');
    });
  }
  it('the step-up actions read as the brief names them in Chinese', () => {
    const t = (key: Parameters<typeof translate>[1]) => translate('zh-CN', key);
    expect(MONITOR_ACTIONS.map((a) => actionText(t, a))).toEqual(['提醒', '再次验证', '冻结账号']);
  });
});
