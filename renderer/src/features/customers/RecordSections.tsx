import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { EmptyState } from '../../ui';
import styles from './CustomerRecord.module.css';

/** The purchases of the open customer, newest first, each on its date (a purchase has no time). */
export function PurchasesTab() {
  const t = useT();
  const fmt = useFormat();
  const purchases = useCustomerDetailStore((state) => state.timeline).filter((entry) => entry.type === 'purchase');
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
export function RemindersTab() {
  const t = useT();
  const fmt = useFormat();
  const reminders = useCustomerDetailStore((state) => state.reminders);
  if (reminders.length === 0) return <EmptyState title={t('record.noReminders')} />;
  return (
    <ul className={styles.list} data-testid="record-reminders">
      {reminders.map((r) => (
        <li key={r.id} data-testid="record-reminder">
          <span className={styles.muted}>{fmt.dateTime(r.dueAt)}</span> · {r.note} · {r.assignee}
          {r.status === 'done' && <> · {t('record.reminderDone')}</>}
        </li>
      ))}
    </ul>
  );
}
