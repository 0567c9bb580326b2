import type { MessageKey, Translate } from '../../../i18n';

/** "3 days left", "Due today", "2 days overdue" or "Clock stopped" from the server's daysLeft. */
export function daysLeftText(t: Translate, daysLeft: number | null): string {
  if (daysLeft === null) return t('req.stopped');
  if (daysLeft === 0) return t('req.dueToday');
  return daysLeft > 0 ? t('req.daysLeft', { count: daysLeft }) : t('req.overdueBy', { count: -daysLeft });
}

export const typeLabel = (t: Translate, type: string) => t(`req.type.${type}` as MessageKey);
export const stateLabel = (t: Translate, state: string) => t(`req.state.${state}` as MessageKey);
export const channelLabel = (t: Translate, channel: string) => t(`req.channel.${channel}` as MessageKey);
export const unitLabel = (t: Translate, unit: string) => t(`req.unit.${unit}` as MessageKey);
