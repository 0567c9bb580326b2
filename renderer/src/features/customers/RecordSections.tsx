import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { EmptyState } from '../../ui';
import styles from './CustomerRecord.module.css';
import { ReminderConsentMark } from '../privacy/ReminderConsentMark';

/**
 * The purchases of the open customer, newest first, each on its date (a purchase has no time).
 * The same customers.timeline query as the Activity tab: an edit there shows here at once.
 */
export function PurchasesTab({ customerId }: { customerId: number }) {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const timeline = useChannelQuery('customers.timeline', { id: customerId }, { enabled: can(role, 'interactions.read') });
  if (timeline.error) return <ErrorNotice error={errorBody(timeline.error)} />;
  if (!timeline.data) return <p className={styles.muted}>{t('record.loading')}</p>;
  const purchases = timeline.data.filter((entry) => entry.type === 'purchase');
  if (purchases.length === 0) return <EmptyState title={t('record.noPurchases')} />;
  return (
    <ul className={styles.list} data-testid="record-purchases">
      {purchases.map((p) => (
        <li key={p.id} data-testid="record-purchase">
          <span className={styles.muted}>{fmt.date(p.at.slice(0, 10))}</span> · {p.text}
          {p.amountMinor !== null && p.currency !== null && <> · {fmt.money(p.amountMinor, p.currency)}</>}
        </li>
      ))}
    </ul>
  );
}

/** This customer's reminders (open first, as main sends them), with who they are for. */
export function RemindersTab({ customerId }: { customerId: number }) {
  const t = useT();
  const fmt = useFormat();
  const reminders = useChannelQuery('reminders.list', { customerId, range: 'all' });
  if (reminders.error) return <ErrorNotice error={errorBody(reminders.error)} />;
  if (!reminders.data) return <p className={styles.muted}>{t('record.loading')}</p>;
  if (reminders.data.length === 0) return <EmptyState title={t('record.noReminders')} />;
  return (
    <ul className={styles.list} data-testid="record-reminders">
      {reminders.data.map((r) => (
        <li key={r.id} data-testid="record-reminder">
          <span className={styles.muted}>{fmt.dateTime(r.dueAt)}</span> · {r.noteWithheld ? t('freeText.withheld') : r.note} · {r.assignee}
          <ReminderConsentMark reminder={r} />
          {r.status === 'done' && <> · {t('record.reminderDone')}</>}
        </li>
      ))}
    </ul>
  );
}
