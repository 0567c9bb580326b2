import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useCrmStore } from '../../stores/crm-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useNavStore } from '../../stores/nav-store';
import { BackupCard } from './BackupCard';

/** What needs doing today and how the customer book is moving, inside this user's scope. */
export function Dashboard() {
  const t = useT();
  const fmt = useFormat();
  const { dashboard, error, loadDashboard } = useCrmStore();
  const go = useNavStore((state) => state.go);
  const open = useCustomerDetailStore((state) => state.open);
  useEffect(() => {
    void loadDashboard();
  }, [loadDashboard]);
  const openCustomer = (id: number) => {
    go('customers');
    void open(id);
  };
  if (!dashboard) return <ErrorNotice error={error} />;
  const peak = Math.max(1, ...dashboard.interactionsPerWeek.map((w) => w.count));

  return (
    <div className="dashboard" data-testid="dashboard">
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
        <p>
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
      <section className="card tile" aria-labelledby="book-title" data-testid="dashboard-book">
        <h3 id="book-title">{t('dash.book')}</h3>
        <p className="figure" data-testid="dashboard-new">{t('dash.newThisMonth', { count: dashboard.newThisMonth })}</p>
        <p className="hint">{t('dash.totals', { total: dashboard.total, dormant: dashboard.dormant })}</p>
        <figure className="chart" aria-label={t('dash.chart')}>
          <div className="bars">
            {dashboard.interactionsPerWeek.map((w) => (
              <div key={w.weekStart} className="bar" style={{ height: `${(w.count / peak) * 100}%` }} title={`${fmt.date(w.weekStart)}: ${fmt.number(w.count)}`} />
            ))}
          </div>
          <figcaption className="hint">{t('dash.chart')}</figcaption>
        </figure>
      </section>
    </div>
  );
}
