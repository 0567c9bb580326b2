import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { Badge } from '../../ui';
import styles from './approvals.module.css';

/** The menu item's count of requests waiting for this user's decision; nothing when none wait. */
export function ApprovalsNavBadge() {
  const t = useT();
  const inbox = useChannelQuery('approvals.count', {}).data?.inbox ?? 0;
  if (inbox === 0) return null;
  return (
    <Badge tone="warning" className={styles.badge} data-testid="approvals-nav-count" title={t('appr.dash.count', { count: inbox })}>
      {inbox}
    </Badge>
  );
}
