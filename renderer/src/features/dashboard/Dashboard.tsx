import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody } from '../../query';
import { useFormat } from '../../i18n/format';
import { useNavStore } from '../../stores/nav-store';
import { Button, Card, cx } from '../../ui';
import layout from '../../ui/layout.module.css';
import { ApprovalsCard } from './ApprovalsCard';
import { AlertsCard } from '../alerts/AlertsCard';
import { BackupCard } from './BackupCard';
import { RequestsCard } from '../privacy/requests/RequestsCard';
import { BreachCard } from '../privacy/breach/BreachCard';
import { ConsentWorklistCard } from '../privacy/ConsentWorklistCard';
import { ScopeSwitch } from './ScopeSwitch';
import { useDashboard, useOpenCustomer } from './use-dashboard';
import { WeeklyChart } from './WeeklyChart';
import styles from './Dashboard.module.css';

/** What needs doing today and how the customer book is moving: mine, or everyone's in my scope. */
export function Dashboard() {
  const t = useT();
  const fmt = useFormat();
  const query = useDashboard();
  const go = useNavStore((state) => state.go);
  const openCustomer = useOpenCustomer();
  const dashboard = query.data;
  if (!dashboard) return <ErrorNotice error={errorBody(query.error)} />;

  return (
    <div className={styles.grid} data-testid="dashboard" aria-busy={query.isFetching}>
      <div className={styles.header}>
        <h2>{t('activity.dashboard.title')}</h2>
        <ScopeSwitch />
      </div>
      <ApprovalsCard />
      <RequestsCard />
      <BreachCard />
      <ConsentWorklistCard />
      {dashboard.qualityReview?.due && (
        <Card title={t('dash.qualityDue')} level={3} width="wide" className={styles.tile} data-testid="dashboard-quality-due">
          <p className={layout.hint}>{t('dash.qualityDueHint')}</p>
          <Button onClick={() => go('quality')}>{t('dash.qualityOpen')}</Button>
        </Card>
      )}
      <Card title={t('dash.due')} level={3} width="wide" className={styles.tile} data-testid="dashboard-reminders">
        <p data-testid="dashboard-due-counts">
          <strong className={dashboard.reminders.overdue > 0 ? styles.overdue : undefined}>{t('dash.overdue', { count: dashboard.reminders.overdue })}</strong> · {t('dash.today', { count: dashboard.reminders.today })}
        </p>
        {dashboard.reminders.items.length === 0 ? (
          <p className={layout.hint}>{t('dash.nothingDue')}</p>
        ) : (
          <ul className={styles.list}>
            {dashboard.reminders.items.map((r) => (
              <li key={r.id} data-testid="dashboard-reminder">
                <Button variant="link" onClick={() => openCustomer(r.customerId)}>
                  {r.customerName}
                </Button>{' '}
                · {r.noteWithheld ? t('freeText.withheld') : r.note} · <span className={layout.hint}>{fmt.dateTime(r.dueAt)}</span>
              </li>
            ))}
          </ul>
        )}
        {dashboard.reminders.overdue + dashboard.reminders.today > dashboard.reminders.items.length && (
          <p className={layout.hint} data-testid="dashboard-due-more">
            {t('activity.showing', { shown: fmt.number(dashboard.reminders.items.length), total: fmt.number(dashboard.reminders.overdue + dashboard.reminders.today) })}
          </p>
        )}
        <Button variant="secondary" onClick={() => go('reminders')}>
          {t('dash.allReminders')}
        </Button>
      </Card>
      <Card title={t('dash.recent')} level={3} width="wide" className={styles.tile} data-testid="dashboard-recent">
        {dashboard.recentlyContacted.length === 0 ? (
          <p className={layout.hint}>{t('dash.noneRecent')}</p>
        ) : (
          <ul className={styles.list}>
            {dashboard.recentlyContacted.map((c) => (
              <li key={c.id}>
                <Button variant="link" onClick={() => openCustomer(c.id)}>
                  {c.name}
                </Button>{' '}
                <span className={layout.hint} title={fmt.dateTime(c.lastInteractionAt)}>
                  {fmt.relative(c.lastInteractionAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <AlertsCard />
      <BackupCard />
      <Card title={t('dash.book')} level={3} width="wide" className={cx(styles.tile, styles.chartTile)} data-testid="dashboard-book">
        <p className={styles.figure} data-testid="dashboard-new">
          {t('dash.newThisMonth', { count: dashboard.newThisMonth })}
        </p>
        <p className={layout.hint} data-testid="dashboard-totals">
          {t('dash.totals', { total: dashboard.total, dormant: dashboard.dormant })}
        </p>
        <WeeklyChart weeks={dashboard.interactionsPerWeek} />
      </Card>
    </div>
  );
}
