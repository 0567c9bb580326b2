import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useChannelQuery } from '../../query';
import { Badge } from '../../ui';
import styles from './alerts.module.css';

/**
 * The open-alert count beside the menu's Alerts item (rendered only for roles that may read
 * alerts). No timer: main's 'alerts.' hint and an acknowledge re-read alerts.count.
 */
export function AlertsNavBadge() {
  const t = useT();
  const fmt = useFormat();
  const open = useChannelQuery('alerts.count', {}).data?.open ?? 0;
  if (open === 0) return null;
  return (
    <Badge tone="danger" className={styles.navBadge} data-testid="alerts-badge" aria-label={t('nav.alertsOpen', { count: open })}>
      {fmt.number(open)}
    </Badge>
  );
}
