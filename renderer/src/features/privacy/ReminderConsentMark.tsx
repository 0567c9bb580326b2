import type { ReminderView } from '../../../../shared/reminders';
import { useT, type MessageKey } from '../../i18n';
import { Badge } from '../../ui';
import layout from '../../ui/layout.module.css';

/**
 * A marketing reminder's purpose, and, when the customer has withdrawn it since, why it is stopped
 * (main decides from the consent history; the reminder is then neither due nor announced).
 */
export function ReminderConsentMark({ reminder }: { reminder: Pick<ReminderView, 'purpose' | 'blocked'> }) {
  const t = useT();
  if (!reminder.purpose) return null;
  return (
    <>
      {' '}
      <Badge tone={reminder.blocked ? 'danger' : 'neutral'} data-testid="reminder-purpose">
        {t('reminders.purposeMark', { purpose: t(`consent.purpose.${reminder.purpose}` as MessageKey) })}
      </Badge>
      {reminder.blocked && (
        <span className={layout.hint} role="note" data-testid="reminder-blocked">
          {' '}
          {t(`reminders.blocked.${reminder.blocked}`)}
        </span>
      )}
    </>
  );
}
