import { useEffect, useState } from 'react';
import { REMINDER_RANGES, type ReminderRange } from '../../../../shared/reminders';
import type { ErrorBody } from '../../../../shared/errors';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useAppStore } from '../../stores/app-store';
import { useCrmStore } from '../../stores/crm-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useNavStore } from '../../stores/nav-store';

const HOUR = 3_600_000;
/** Snooze choices: later today, tomorrow morning, next week. */
function snoozeTargets(now: Date): { key: 'snooze.hour' | 'snooze.tomorrow' | 'snooze.week'; at: Date }[] {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const week = new Date(tomorrow);
  week.setDate(week.getDate() + 6);
  return [
    { key: 'snooze.hour', at: new Date(now.getTime() + HOUR) },
    { key: 'snooze.tomorrow', at: tomorrow },
    { key: 'snooze.week', at: week },
  ];
}

/** Follow-ups: overdue, due today, upcoming, and done; mark done or snooze from here. */
export function RemindersPage() {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const { range, reminders, loading, error, loadReminders, done, snooze } = useCrmStore();
  const open = useCustomerDetailStore((state) => state.open);
  const go = useNavStore((state) => state.go);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  useEffect(() => {
    void loadReminders();
  }, [loadReminders]);
  const writable = can(role, 'reminders.write') && range !== 'all';

  return (
    <section aria-labelledby="reminders-title" data-testid="reminders-page">
      <h2 id="reminders-title">{t('nav.reminders')}</h2>
      <div className="tabs" role="tablist" aria-label={t('nav.reminders')}>
        {REMINDER_RANGES.map((r: ReminderRange) => (
          <button key={r} type="button" role="tab" aria-selected={range === r} className={range === r ? 'tab active' : 'tab'} onClick={() => void loadReminders(r)}>
            {t(`reminders.range.${r}`)}
          </button>
        ))}
      </div>
      <ErrorNotice error={error ?? problem} />
      {!loading && reminders.length === 0 && <p className="empty">{t('reminders.empty')}</p>}
      {reminders.length > 0 && (
        <table className="grid" data-testid="reminders-table">
          <thead>
            <tr>
              <th>{t('reminder.due')}</th>
              <th>{t('customers.col.name')}</th>
              <th>{t('reminder.note')}</th>
              <th>{t('reminder.assignee')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {reminders.map((r) => (
              <tr key={r.id} data-testid="reminder-row">
                <td>{fmt.dateTime(r.dueAt)}</td>
                <td>
                  <button type="button" className="link" onClick={() => (go('customers'), void open(r.customerId))}>
                    {r.customerName}
                  </button>
                </td>
                <td>{r.note}</td>
                <td>{r.assignee}</td>
                <td className="row-actions">
                  {writable && (
                    <>
                      <button type="button" className="secondary" onClick={() => void done(r.id).then(setProblem)}>
                        {t('reminders.done')}
                      </button>
                      <select aria-label={t('reminders.snooze')} value="" onChange={(e) => e.target.value && void snooze(r.id, new Date(e.target.value)).then(setProblem)}>
                        <option value="">{t('reminders.snooze')}</option>
                        {snoozeTargets(new Date()).map((s) => (
                          <option key={s.key} value={s.at.toISOString()}>
                            {t(s.key)}
                          </option>
                        ))}
                      </select>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
