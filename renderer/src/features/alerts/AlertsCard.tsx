import { can } from '../../../../shared/permissions';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useNavStore } from '../../stores/nav-store';
import { Button, Card } from '../../ui';
import layout from '../../ui/layout.module.css';
import dash from '../dashboard/Dashboard.module.css';

/** The dashboard's open-alert count, for the roles that read alerts; the button opens the inbox. */
export function AlertsCard() {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const go = useNavStore((state) => state.go);
  const allowed = can(role, 'alerts.read');
  // The same cached alerts.count as the menu badge.
  const count = useChannelQuery('alerts.count', {}, { enabled: allowed }).data;
  if (!allowed || !count) return null;
  return (
    <Card title={t('dash.alerts')} level={3} width="wide" className={dash.tile} data-testid="dashboard-alerts">
      {count.open > 0 ? (
        <p className={dash.figure} data-testid="dashboard-alerts-open">
          {t('dash.alertsOpen', { count: fmt.number(count.open) })}
        </p>
      ) : (
        <p className={layout.hint} data-testid="dashboard-alerts-open">
          {t('dash.alertsNone')}
        </p>
      )}
      <Button variant="secondary" onClick={() => go('alerts')}>
        {t('dash.alertsOpenInbox')}
      </Button>
    </Card>
  );
}
