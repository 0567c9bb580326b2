import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useAppStore } from '../../stores/app-store';
import { useBackupStore } from '../../stores/backup-store';
import { Actions, Button, Card, EmptyState, Notice } from '../../ui';
import { BackupFiles } from './BackupFiles';
import { useBackupData, useBackupJobs } from './backup-queries';
import { BackupProgress } from './BackupProgress';
import { BackupSchedule } from './BackupSchedule';
import { BackupWarnings } from './BackupWarnings';
import styles from './backups.module.css';
import { DrillReport } from './DrillReport';
import { RestorePanel } from './RestorePanel';
import { SecondFolderCard } from './SecondFolderCard';

/** Backups: where and when, the last run, back up now, restore drills and their reports. */
export function BackupsPage() {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const { shown, firstRun, show, restoreTarget, openRestore, closeRestore } = useBackupStore();
  // No interval: this window's jobs re-read backup.* when they end, and main's 'backup.' hint
  // does when any job starts or ends (the schedule, the menu). Progress is asked for only while one runs.
  const { status, statusError, reports, files } = useBackupData();
  const jobs = useBackupJobs();
  const { busy } = jobs;
  if (!status) return <ErrorNotice error={statusError} />;
  // A job run elsewhere (the schedule, the menu) blocks these buttons as this window's own does.
  const blocked = busy !== null || status.running !== null;
  const error = jobs.error;
  const mayRestore = can(role, 'backup.restore');

  return (
    <section aria-labelledby="backups-title" data-testid="backups-page" className={styles.page}>
      <h2 id="backups-title">{t('nav.backups')}</h2>
      <BackupWarnings status={status} onBackUp={can(role, 'backup.run') && !blocked ? () => void jobs.backUpNow() : undefined} />
      <Card width="wide" className={styles.card}>
        <dl className={styles.facts}>
          <dt>{t('backup.destination')}</dt>
          <dd data-testid="backup-destination">{status.folder ?? t('backup.noFolder')}</dd>
          <dt>{t('backup.last')}</dt>
          <dd data-testid="backup-last">{status.lastSuccessAt ? t('backup.lastValue', { when: fmt.dateTime(status.lastSuccessAt), age: fmt.relative(status.lastSuccessAt) }) : t('backup.never')}</dd>
          <dt>{t('backup.next')}</dt>
          <dd>{status.nextRunAt ? fmt.dateTime(status.nextRunAt) : '—'}</dd>
          {status.lastFailure && (
            <>
              <dt>{t('backup.lastFailure')}</dt>
              <dd className={styles.problem}>
                {fmt.dateTime(status.lastFailure.at)} · <ErrorNotice error={{ code: status.lastFailure.code as 'INTERNAL', message: '' }} />
              </dd>
            </>
          )}
        </dl>
        {firstRun && (
          <Notice tone="info" data-testid="backup-first-run">
            {t('backup.firstRun')}
          </Notice>
        )}
        {busy !== 'restore' && <BackupProgress active={busy !== null || status.running !== null} />}
        <ErrorNotice error={error} />
        <Actions>
          {can(role, 'backup.run') && (
            <Button disabled={blocked || !status.folder} onClick={() => void jobs.backUpNow()}>
              {busy === 'backup' ? t('backup.working') : t('backup.now')}
            </Button>
          )}
          {can(role, 'backup.drill') && (
            <Button variant="secondary" disabled={blocked || !status.folder} onClick={() => void jobs.runDrill()}>
              {busy === 'drill' ? t('backup.drilling') : t('backup.drill')}
            </Button>
          )}
          {can(role, 'backup.configure') && (
            <Button variant="secondary" disabled={blocked} onClick={() => void jobs.chooseFolder(status.folder)}>
              {t('home.chooseBackup')}
            </Button>
          )}
        </Actions>
      </Card>
      <SecondFolderCard status={status} canConfigure={can(role, 'backup.configure')} disabled={blocked} />
      {restoreTarget &&
        (mayRestore ? (
          <RestorePanel key={restoreTarget.fileName ?? ''} files={files} busy={busy} restore={jobs.restore} />
        ) : (
          <Notice tone="warning" data-testid="restore-not-allowed">
            {t('restore.notAllowed')}{' '}
            <Button variant="ghost" size="sm" onClick={closeRestore}>
              {t('restore.cancel')}
            </Button>
          </Notice>
        ))}
      {shown && <DrillReport report={shown} />}
      <BackupFiles files={files} reports={reports} canRestore={mayRestore} disabled={blocked} onRestore={openRestore} />
      <Card title={t('backup.reports')} level={3} width="wide" className={styles.card}>
        {reports.length === 0 ? (
          <EmptyState title={t('backup.noReports')} />
        ) : (
          <ul className={styles.reports}>
            {reports.map((r) => (
              <li key={r.id}>
                <Button variant="ghost" size="sm" onClick={() => show(r)}>
                  {fmt.dateTime(r.at)}
                </Button>{' '}
                {r.passed ? '✔ ' + t('backup.passed') : '✘ ' + t('backup.failed')} · {r.backup}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {can(role, 'backup.configure') && <BackupSchedule status={status} />}
    </section>
  );
}
