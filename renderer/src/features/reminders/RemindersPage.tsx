import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { channelKey, errorBody, fetchChannel, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { REMINDER_TABS, useCrmStore, type ReminderTab } from '../../stores/crm-store';
import { Badge, Button, EmptyState, Select, Table, Tabs, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import { ScopeSwitch } from '../dashboard/ScopeSwitch';
import { useMine, useOpenCustomer } from '../dashboard/use-dashboard';
import styles from '../dashboard/Dashboard.module.css';
import { ReminderConsentMark } from '../privacy/ReminderConsentMark';

/** Rows per request; more come a page at a time ("Show more"), never silently cut off. */
export const REMINDER_PAGE = 500;
const HOUR = 3_600_000;
/** After a change, the tabs' counts and the dashboard's figures are stale too. */
const CHANGES = ['reminders.', 'dashboard.'] as const;

type Row = ChannelOutput<'reminders.list'>[number];

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
  const tabs = REMINDER_TABS.map((r) => ({
    id: r,
    testId: `reminders-tab-${r}`,
    label: (
      <>
        {t(`activity.tab.${r}`)}
        {counts.data && (
          <>
            {' '}
            <Badge tone={r === 'overdue' && counts.data[r] > 0 ? 'danger' : 'accent'}>{fmt.number(counts.data[r])}</Badge>
          </>
        )}
      </>
    ),
  }));

  return (
    <section aria-labelledby="reminders-title" data-testid="reminders-page">
      <div className={styles.header}>
        <h2 id="reminders-title">{t('nav.reminders')}</h2>
        <ScopeSwitch />
      </div>
      <Tabs label={t('nav.reminders')} tabs={tabs} selected={tab} onSelect={setTab}>
        <ErrorNotice error={errorBody(counts.error)} />
        {/* Keyed by tab and scope: switching starts again at the first page. */}
        <ReminderPages key={`${tab}-${String(mine)}`} tab={tab} mine={mine} total={counts.data?.[tab]} />
      </Tabs>
    </section>
  );
}

function ReminderPages({ tab, mine, total }: { tab: ReminderTab; mine: boolean; total: number | undefined }) {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const [pages, setPages] = useState(1);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  // One query per page of REMINDER_PAGE rows, each under its own key: "Show more" adds a page
  // without fetching the ones already shown again.
  const answers = useQueries({
    queries: Array.from({ length: pages }, (_, page) => {
      const input = listInput(tab, mine, page);
      return { queryKey: channelKey('reminders.list', input), queryFn: () => fetchChannel('reminders.list', input), refetchOnMount: 'always' as const };
    }),
  });
  const done = useChannelMutation('reminders.done', CHANGES);
  const snooze = useChannelMutation('reminders.snooze', CHANGES);
  const openCustomer = useOpenCustomer();
  const mayWrite = tab !== 'done' && can(role, 'reminders.write');
  const report = (promise: Promise<unknown>) => void promise.then(() => setProblem(null), (error: unknown) => setProblem(errorBody(error)));

  const first = answers[0];
  const rows = answers.flatMap((answer) => answer.data ?? []);
  const shown = Math.min(total ?? 0, pages * REMINDER_PAGE);
  const columns: Column<Row>[] = [
    { key: 'due', header: t('reminder.due'), cell: (r) => fmt.dateTime(r.dueAt) },
    {
      key: 'customer',
      header: t('customers.col.name'),
      cell: (r) => (
        <Button variant="link" onClick={() => openCustomer(r.customerId)}>
          {r.customerName}
        </Button>
      ),
    },
    {
      key: 'note',
      header: t('reminder.note'),
      cell: (r) => (
        <>
          {r.noteWithheld ? t('freeText.withheld') : r.note}
          <ReminderConsentMark reminder={r} />
        </>
      ),
      wrap: true,
    },
    { key: 'assignee', header: t('reminder.assignee'), cell: (r) => r.assignee },
    {
      key: 'actions',
      header: <span className={layout.visuallyHidden}>{t('reminders.actions')}</span>,
      cell: (r) =>
        mayWrite && (
          <span className={styles.rowActions}>
            <Button variant="secondary" size="sm" disabled={done.isPending} onClick={() => report(done.mutateAsync({ id: r.id }))}>
              {t('reminders.done')}
            </Button>
            <Select aria-label={t('reminders.snooze')} value="" onChange={(e) => e.target.value && report(snooze.mutateAsync({ id: r.id, until: e.target.value }))}>
              <option value="">{t('reminders.snooze')}</option>
              {snoozeTargets(new Date()).map((s) => (
                <option key={s.key} value={s.at.toISOString()}>
                  {t(s.key)}
                </option>
              ))}
            </Select>
          </span>
        ),
    },
  ];

  if (first?.data && first.data.length === 0) return <EmptyState title={t('reminders.empty')} testId="reminders-empty" />;
  return (
    <>
      <ErrorNotice error={problem ?? errorBody(first?.error ?? answers.find((a) => a.error)?.error)} />
      {first?.data && (
        <Table
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          rowAttributes={() => ({ 'data-testid': 'reminder-row' })}
          label={t('nav.reminders')}
          testId="reminders-table"
        />
      )}
      {total !== undefined && total > REMINDER_PAGE && (
        <div className={styles.more} data-testid="reminders-showing">
          <span>{t('activity.showing', { shown: fmt.number(shown), total: fmt.number(total) })}</span>
          {shown < total && (
            <Button variant="secondary" onClick={() => setPages((n) => n + 1)}>
              {t('activity.showMore', { count: fmt.number(Math.min(REMINDER_PAGE, total - shown)) })}
            </Button>
          )}
        </div>
      )}
    </>
  );
}
