import { can } from '../../../../shared/permissions';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useNavStore } from '../../stores/nav-store';
import { Button, Card } from '../../ui';
import layout from '../../ui/layout.module.css';
import styles from './Dashboard.module.css';

/** Requests waiting for this owner's or manager's decision; one click opens the inbox. */
export function ApprovalsCard() {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const go = useNavStore((state) => state.go);
  const allowed = can(role, 'approvals.decide');
  // The same cached count as the menu's badge: one cheap read for both.
  const count = useChannelQuery('approvals.count', {}, { enabled: allowed }).data;
  if (!allowed || !count) return null;
  return (
    <Card title={t('appr.dash.title')} level={3} width="wide" className={styles.tile} data-testid="dashboard-approvals">
      {count.inbox > 0 ? (
        <p className={styles.figure} data-testid="dashboard-approvals-count" data-count={count.inbox}>
          {t('appr.dash.count', { count: fmt.number(count.inbox) })}
        </p>
      ) : (
        <p className={layout.hint} data-testid="dashboard-approvals-count" data-count={0}>
          {t('appr.dash.none')}
        </p>
      )}
      <Button variant={count.inbox > 0 ? 'primary' : 'secondary'} onClick={() => go('approvals', { section: 'inbox' })} data-testid="dashboard-approvals-open">
        {t('appr.dash.open')}
      </Button>
    </Card>
  );
}
