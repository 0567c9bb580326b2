import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useFormat } from '../../i18n/format';
import { calendarDate, dateTime } from './record-format';

/** The purchases of the open customer, newest first, each on its date (a purchase has no time). */
export function PurchasesTab() {
  const t = useT();
  const fmt = useFormat();
  const locale = useAppStore((state) => state.locale);
  const purchases = useCustomerDetailStore((state) => state.timeline).filter((entry) => entry.type === 'purchase');
  if (purchases.length === 0) return <p className="empty">{t('record.noPurchases')}</p>;
  return (
    <ul className="timeline-list" data-testid="record-purchases">
      {purchases.map((p) => (
        <li key={p.id} data-testid="record-purchase">
          <span className="hint">{calendarDate(p.at.slice(0, 10), locale)}</span> · {p.text}
          {p.amountMinor !== null && p.currency !== null && <> · {fmt.money(p.amountMinor, p.currency)}</>}
        </li>
      ))}
    </ul>
  );
}

/** This customer's reminders (open first, as main sends them), with who they are for. */
export function RemindersTab() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const reminders = useCustomerDetailStore((state) => state.reminders);
  if (reminders.length === 0) return <p className="empty">{t('record.noReminders')}</p>;
  return (
    <ul className="timeline-list" data-testid="record-reminders">
      {reminders.map((r) => (
        <li key={r.id} data-testid="record-reminder">
          <span className="hint">{dateTime(r.dueAt, locale)}</span> · {r.note} · {r.assignee}
          {r.status === 'done' && <> · {t('record.reminderDone')}</>}
        </li>
      ))}
    </ul>
  );
}
