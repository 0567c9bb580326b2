import type { RetentionRule } from '../../../../shared/retention';
import type { Translate } from '../../i18n';

/** A rule in words ("Industry: decoration"), the default as "Every customer". */
export function ruleName(t: Translate, rule: Pick<RetentionRule, 'scope' | 'match'> | undefined): string {
  if (!rule) return '—';
  return rule.scope === 'default' ? t('retention.scope.default') : t(`retention.scope.${rule.scope}`, { match: rule.match });
}
