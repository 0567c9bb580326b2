import { can } from '../../../../../shared/permissions';
import { useT } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { useChannelQuery } from '../../../query';
import { useAppStore } from '../../../stores/app-store';
import { useNavStore } from '../../../stores/nav-store';
import { Button, Card } from '../../../ui';
import dash from '../../dashboard/Dashboard.module.css';
import styles from './breach.module.css';

/**
 * The dashboard's breach reminder, shown only while an incident is open: counts, overdue in red,
 * the nearest deadline. Like the request card it needs no OS notification (which could show on a
 * lock screen); the dashboard is the first screen after every sign-in.
 */
export function BreachCard() {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const go = useNavStore((state) => state.go);
  const allowed = can(role, 'breach.read');
  const summary = useChannelQuery('breach.summary', {}, { enabled: allowed }).data;
  if (!allowed || !summary || summary.open === 0) return null;
  const nearest = summary.nearest;
  return (
    <Card title={t('breach.card.title')} level={3} width="wide" className={dash.tile} data-testid="dashboard-breach">
      <p>
        {t('breach.card.open', { count: fmt.number(summary.open) })} ·{' '}
        <strong className={summary.overdue > 0 ? styles.overdue : undefined} data-testid="dashboard-breach-overdue" data-count={summary.overdue}>
          {t('breach.card.overdue', { count: fmt.number(summary.overdue) })}
        </strong>
      </p>
      {nearest && (
        <p>
          <Button variant="link" onClick={() => go('breach', { section: String(nearest.id) })} data-testid="dashboard-breach-nearest">
            {t('breach.number', { id: nearest.id })} · {t(`breach.clock.${nearest.kind}`)} ·{' '}
            {nearest.minutesLeft < 0 ? t('breach.clock.overdueBy', { time: fmt.duration(-nearest.minutesLeft * 60_000) }) : t('breach.clock.left', { time: fmt.duration(nearest.minutesLeft * 60_000) })}
          </Button>
        </p>
      )}
    </Card>
  );
}
