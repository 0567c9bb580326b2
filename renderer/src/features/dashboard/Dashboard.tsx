import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody } from '../../query';
import { useFormat } from '../../i18n/format';
import { useNavStore } from '../../stores/nav-store';
import { BackupCard } from './BackupCard';
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
    <div className="dashboard" data-testid="dashboard" aria-busy={query.isFetching}>
      <div className={styles.header}>
        <h2>{t('activity.dashboard.title')}</h2>
        <ScopeSwitch />
      </div>
      {dashboard.qualityReview?.due && (
        <section className="card tile" aria-labelledby="quality-due-title" data-testid="dashboard-quality-due">
          <h3 id="quality-due-title">{t('dash.qualityDue')}</h3>
          <p className="hint">{t('dash.qualityDueHint')}</p>
          <button type="button" onClick={() => go('quality')}>
            {t('dash.qualityOpen')}
          </button>
        </section>
      )}
      <section className="card tile" aria-labelledby="due-title" data-testid="dashboard-reminders">
        <h3 id="due-title">{t('dash.due')}</h3>
        <p data-testid="dashboard-due-counts">
          <strong className={dashboard.reminders.overdue > 0 ? 'overdue' : undefined}>{t('dash.overdue', { count: dashboard.reminders.overdue })}</strong> · {t('dash.today', { count: dashboard.reminders.today })}
        </p>
        {dashboard.reminders.items.length === 0 ? (
          <p className="empty">{t('dash.nothingDue')}</p>
        ) : (
          <ul>
            {dashboard.reminders.items.map((r) => (
              <li key={r.id} data-testid="dashboard-reminder">
                <button type="button" className="link" onClick={() => openCustomer(r.customerId)}>
                  {r.customerName}
                </button>{' '}
                · {r.note} · <span className="hint">{fmt.dateTime(r.dueAt)}</span>
              </li>
            ))}
          </ul>
        )}
        {dashboard.reminders.overdue + dashboard.reminders.today > dashboard.reminders.items.length && (
          <p className="hint" data-testid="dashboard-due-more">
            {t('activity.showing', { shown: fmt.number(dashboard.reminders.items.length), total: fmt.number(dashboard.reminders.overdue + dashboard.reminders.today) })}
          </p>
        )}
        <button type="button" className="secondary" onClick={() => go('reminders')}>
          {t('dash.allReminders')}
        </button>
      </section>
      <section className="card tile" aria-labelledby="recent-title" data-testid="dashboard-recent">
        <h3 id="recent-title">{t('dash.recent')}</h3>
        {dashboard.recentlyContacted.length === 0 ? (
          <p className="empty">{t('dash.noneRecent')}</p>
        ) : (
          <ul>
            {dashboard.recentlyContacted.map((c) => (
              <li key={c.id}>
                <button type="button" className="link" onClick={() => openCustomer(c.id)}>
                  {c.name}
                </button>{' '}
                <span className="hint" title={fmt.dateTime(c.lastInteractionAt)}>{fmt.relative(c.lastInteractionAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <BackupCard />
      <section className={`card tile ${styles.chartTile}`} aria-labelledby="book-title" data-testid="dashboard-book">
        <h3 id="book-title">{t('dash.book')}</h3>
        <p className="figure" data-testid="dashboard-new">{t('dash.newThisMonth', { count: dashboard.newThisMonth })}</p>
        <p className="hint" data-testid="dashboard-totals">{t('dash.totals', { total: dashboard.total, dormant: dashboard.dormant })}</p>
        <WeeklyChart weeks={dashboard.interactionsPerWeek} />
      </section>
    </div>
  );
}
