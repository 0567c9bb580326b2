import { useState } from 'react';
import type { ChannelInput } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { REMINDER_TABS, useCrmStore, type ReminderTab } from '../../stores/crm-store';
import { ScopeSwitch } from '../dashboard/ScopeSwitch';
import { useMine, useOpenCustomer } from '../dashboard/use-dashboard';
import styles from '../dashboard/Dashboard.module.css';

/** Rows per request; more come a page at a time ("Show more"), never silently cut off. */
export const REMINDER_PAGE = 500;
const HOUR = 3_600_000;
/** After a change, the tabs' counts and the dashboard's figures are stale too. */
const CHANGES = ['reminders.', 'dashboard.'] as const;

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

function listInput(tab: ReminderTab, mine: boolean, page: number): ChannelInput<'reminders.list'> {
  const paging = { mine, limit: REMINDER_PAGE, offset: page * REMINDER_PAGE };
  return tab === 'done' ? { ...paging, range: 'all', status: 'done' } : { ...paging, range: tab };
}

/** Follow-ups: overdue, due today, upcoming, and done, each with its count; mark done or snooze. */
export function RemindersPage() {
  const t = useT();
  const fmt = useFormat();
  const { tab, setTab } = useCrmStore();
  const mine = useMine();
  // Fetched again on each visit (see use-dashboard.ts): some screens change reminders outside the cache.
  const counts = useChannelQuery('reminders.counts', { mine }, { refetchOnMount: 'always' });

  return (
    <section aria-labelledby="reminders-title" data-testid="reminders-page">
      <div className={styles.header}>
        <h2 id="reminders-title">{t('nav.reminders')}</h2>
        <ScopeSwitch />
      </div>
      <div className="tabs" role="tablist" aria-label={t('nav.reminders')}>
        {REMINDER_TABS.map((r) => (
          <button key={r} type="button" role="tab" aria-selected={tab === r} className={tab === r ? 'tab active' : 'tab'} onClick={() => setTab(r)} data-testid={`reminders-tab-${r}`}>
            {t(`activity.tab.${r}`)}
            {counts.data && <span className="badge"> {fmt.number(counts.data[r])}</span>}
          </button>
        ))}
      </div>
      <ErrorNotice error={errorBody(counts.error)} />
      {/* Keyed by tab and scope: switching starts again at the first page. */}
      <ReminderPages key={`${tab}-${String(mine)}`} tab={tab} mine={mine} total={counts.data?.[tab]} />
    </section>
  );
}

function ReminderPages({ tab, mine, total }: { tab: ReminderTab; mine: boolean; total: number | undefined }) {
  const t = useT();
  const fmt = useFormat();
  const [pages, setPages] = useState(1);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const first = useChannelQuery('reminders.list', listInput(tab, mine, 0), { refetchOnMount: 'always' });
  const shown = Math.min(total ?? 0, pages * REMINDER_PAGE);
  if (first.data && first.data.length === 0) return <p className="empty">{t('reminders.empty')}</p>;
  return (
    <>
      <ErrorNotice error={problem ?? errorBody(first.error)} />
      {first.data && (
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
          {Array.from({ length: pages }, (_, page) => (
            <ReminderRows key={page} input={listInput(tab, mine, page)} writable={tab !== 'done'} onProblem={setProblem} />
          ))}
        </table>
      )}
      {total !== undefined && total > REMINDER_PAGE && (
        <div className={styles.more} data-testid="reminders-showing">
          <span>{t('activity.showing', { shown: fmt.number(shown), total: fmt.number(total) })}</span>
          {shown < total && (
            <button type="button" className="secondary" onClick={() => setPages((n) => n + 1)}>
              {t('activity.showMore', { count: fmt.number(Math.min(REMINDER_PAGE, total - shown)) })}
            </button>
          )}
        </div>
      )}
    </>
  );
}

function ReminderRows({ input, writable, onProblem }: { input: ChannelInput<'reminders.list'>; writable: boolean; onProblem(error: ErrorBody | null): void }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const fmt = useFormat();
  const rows = useChannelQuery('reminders.list', input, { refetchOnMount: 'always' });
  const done = useChannelMutation('reminders.done', CHANGES);
  const snooze = useChannelMutation('reminders.snooze', CHANGES);
  const openCustomer = useOpenCustomer();
  const mayWrite = writable && can(role, 'reminders.write');
  const report = (promise: Promise<unknown>) => void promise.then(() => onProblem(null), (error: unknown) => onProblem(errorBody(error)));
  return (
    <tbody>
      {(rows.data ?? []).map((r) => (
        <tr key={r.id} data-testid="reminder-row">
          <td>{fmt.dateTime(r.dueAt)}</td>
          <td>
            <button type="button" className="link" onClick={() => openCustomer(r.customerId)}>
              {r.customerName}
            </button>
          </td>
          <td>{r.note}</td>
          <td>{r.assignee}</td>
          <td className="row-actions">
            {mayWrite && (
              <>
                <button type="button" className="secondary" disabled={done.isPending} onClick={() => report(done.mutateAsync({ id: r.id }))}>
                  {t('reminders.done')}
                </button>
                <select aria-label={t('reminders.snooze')} value="" onChange={(e) => e.target.value && report(snooze.mutateAsync({ id: r.id, until: e.target.value }))}>
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
  );
}
