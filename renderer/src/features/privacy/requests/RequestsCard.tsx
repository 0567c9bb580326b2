import { can } from '../../../../../shared/permissions';
import { useT } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { useChannelQuery } from '../../../query';
import { useAppStore } from '../../../stores/app-store';
import { useNavStore } from '../../../stores/nav-store';
import { Button, Card } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import dash from '../../dashboard/Dashboard.module.css';
import { daysLeftText, typeLabel } from './labels';
import styles from './requests.module.css';

/**
 * The dashboard's request card: open count, overdue in red, the nearest deadline, and the
 * due-soon reminder for the handler (their own requests and unassigned ones). The dashboard is
 * the first screen after sign-in, so this reaches the handler without an OS notification, which
 * could show a customer's business on a lock screen (reminders/due-notice.ts keeps those to counts).
 */
export function RequestsCard() {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const go = useNavStore((state) => state.go);
  const allowed = can(role, 'privacyRequests.read');
  const summary = useChannelQuery('privacyRequests.summary', {}, { enabled: allowed }).data;
  if (!allowed || !summary) return null;
  return (
    <Card title={t('req.card.title')} level={3} width="wide" className={dash.tile} data-testid="dashboard-requests">
      <p data-testid="dashboard-requests-counts">
        {t('req.card.open', { count: fmt.number(summary.open) })} ·{' '}
        <strong className={summary.overdue > 0 ? styles.overdue : undefined} data-testid="dashboard-requests-overdue" data-count={summary.overdue}>
          {t('req.card.overdue', { count: fmt.number(summary.overdue) })}
        </strong>
      </p>
      {summary.nearest ? (
        <p data-testid="dashboard-requests-nearest">
          <Button variant="link" onClick={() => go('requests', { section: String(summary.nearest!.id) })}>
            {t('req.card.nearest', { id: summary.nearest.id, date: fmt.date(summary.nearest.dueOn), left: daysLeftText(t, summary.nearest.daysLeft) })}
            {summary.nearest.deadline === 'ack' && ` · ${t('req.card.ackBy')}`}
          </Button>
        </p>
      ) : (
        <p className={layout.hint}>{t('req.card.none')}</p>
      )}
      {summary.dueSoon.length > 0 && (
        <>
          <p className={styles.soon}>{t('req.card.dueSoon')}</p>
          <ul className={dash.list} data-testid="dashboard-requests-due-soon">
            {summary.dueSoon.map((r) => (
              <li key={`${r.id}-${r.deadline}`} data-deadline={r.deadline}>
                <Button variant="link" onClick={() => go('requests', { section: String(r.id) })}>
                  {t('req.number', { id: r.id })} · {typeLabel(t, r.type)}
                </Button>{' '}
                {r.deadline === 'ack' && ` · ${t('req.card.ackBy')}`} · {fmt.date(r.dueOn)} · {daysLeftText(t, r.daysLeft)}
                {r.mine && <span className={layout.hint}> · {t('req.card.mine')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <Button variant="secondary" onClick={() => go('requests')} data-testid="dashboard-requests-open">
        {t('req.card.open.button')}
      </Button>
    </Card>
  );
}
