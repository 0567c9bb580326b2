import type { MonitorAction } from '../../../../shared/monitoring';
import type { MessageKey, Translate } from '../../i18n';
import { en } from '../../i18n/en';

/** A rule's name in the viewer's language; a rule this build does not know still reads as a rule. */
export function ruleText(t: Translate, id: string): string {
  const key = `alerts.rule.${id}`;
  return key in en ? t(key as MessageKey) : t('alerts.rule.other', { id });
}

export function actionText(t: Translate, action: MonitorAction): string {
  return t(`monitor.action.${action}`);
}
