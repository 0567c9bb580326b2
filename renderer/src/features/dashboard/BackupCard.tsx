import { can } from '../../../../shared/permissions';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useAppStore } from '../../stores/app-store';
import { useChannelQuery } from '../../query';
import { useNavStore } from '../../stores/nav-store';
import { Button, Card } from '../../ui';
import { BackupWarnings } from '../backups/BackupWarnings';
import styles from './Dashboard.module.css';

/** The dashboard's backup and drill status, for those who run backups. */
export function BackupCard() {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const go = useNavStore((state) => state.go);
  const allowed = can(role, 'backup.run');
  // The same cached backup.status as the Backups page; main's 'backup.' hint keeps it current.
  const status = useChannelQuery('backup.status', {}, { enabled: allowed }).data;
  if (!allowed || !status) return null;
  return (
    <Card title={t('dash.backup')} level={3} width="wide" className={styles.tile} data-testid="dashboard-backup">
      <p>
        {t('backup.last')}: {status.lastSuccessAt ? t('backup.lastValue', { when: fmt.dateTime(status.lastSuccessAt), age: fmt.relative(status.lastSuccessAt) }) : t('backup.never')}
      </p>
      <p>
        {t('backup.report')}: {status.lastDrill ? `${fmt.date(status.lastDrill.at)} · ${status.lastDrill.passed ? t('backup.passed') : t('backup.failed')}` : t('backup.never')}
      </p>
      <p>{t('backup.nextDrill', { when: fmt.date(status.nextDrillAt) })}</p>
      <BackupWarnings status={status} />
      <Button variant="secondary" onClick={() => go('backups')}>
        {t('nav.backups')}
      </Button>
    </Card>
  );
}
