import { useEffect } from 'react';
import type { DrillReportView } from '../../../../shared/backup';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useBackupStore } from '../../stores/backup-store';
import { BackupFiles } from './BackupFiles';
import { BackupProgress } from './BackupProgress';
import { BackupSchedule } from './BackupSchedule';
import { ageText, BackupWarnings } from './BackupWarnings';
import { RestorePanel } from './RestorePanel';

/** Backups: where and when, the last run, back up now, restore drills and their reports. */
export function BackupsPage() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const { status, reports, files, shown, busy, firstRun, error, load, pollStatus, backUpNow, chooseFolder, runDrill, show, restoreTarget, openRestore, closeRestore } = useBackupStore();
  useEffect(() => {
    // While this window waits on a job, its progress every second (status only: a restore
    // swaps the database under any other query); otherwise the whole page every 5 s, so a job
    // run elsewhere (the schedule) shows too.
    if (busy) {
      const timer = setInterval(() => void pollStatus(), 1000);
      return () => clearInterval(timer);
    }
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [busy, load, pollStatus]);
  if (!status) return <ErrorNotice error={error} />;
  const mayRestore = can(role, 'backup.restore');

  return (
    <section aria-labelledby="backups-title" data-testid="backups-page">
      <h2 id="backups-title">{t('nav.backups')}</h2>
      <BackupWarnings status={status} onBackUp={can(role, 'backup.run') && busy === null ? () => void backUpNow() : undefined} />
      <div className="card">
        <dl>
          <div className="detail-row">
            <dt>{t('backup.destination')}</dt>
            <dd data-testid="backup-destination">{status.folder ?? t('backup.noFolder')}</dd>
          </div>
          <div className="detail-row">
            <dt>{t('backup.last')}</dt>
            <dd data-testid="backup-last">{status.lastSuccessAt ? t('backup.lastValue', { when: new Date(status.lastSuccessAt).toLocaleString(), age: ageText(t, status.lastSuccessAt) }) : t('backup.never')}</dd>
          </div>
          <div className="detail-row">
            <dt>{t('backup.next')}</dt>
            <dd>{status.nextRunAt ? new Date(status.nextRunAt).toLocaleString() : '—'}</dd>
          </div>
          {status.lastFailure && (
            <div className="detail-row">
              <dt>{t('backup.lastFailure')}</dt>
              <dd className="problem">
                {new Date(status.lastFailure.at).toLocaleString()} · <ErrorNotice error={{ code: status.lastFailure.code as 'INTERNAL', message: '' }} />
              </dd>
            </div>
          )}
        </dl>
        {firstRun && (
          <p role="status" className="notice notice-ok" data-testid="backup-first-run">
            {t('backup.firstRun')}
          </p>
        )}
        {busy !== 'restore' && <BackupProgress active={busy !== null || status.running !== null} />}
        <ErrorNotice error={error} />
        <div className="actions">
          {can(role, 'backup.run') && (
            <button type="button" disabled={busy !== null || !status.folder} onClick={() => void backUpNow()}>
              {busy === 'backup' ? t('backup.working') : t('backup.now')}
            </button>
          )}
          {can(role, 'backup.drill') && (
            <button type="button" className="secondary" disabled={busy !== null || !status.folder} onClick={() => void runDrill()}>
              {busy === 'drill' ? t('backup.drilling') : t('backup.drill')}
            </button>
          )}
          {can(role, 'backup.configure') && (
            <button type="button" className="secondary" disabled={busy !== null} onClick={() => void chooseFolder()}>
              {t('home.chooseBackup')}
            </button>
          )}
        </div>
      </div>
      {restoreTarget &&
        (mayRestore ? (
          <RestorePanel key={restoreTarget.fileName ?? ''} files={files} />
        ) : (
          <p className="notice notice-warning" role="alert" data-testid="restore-not-allowed">
            {t('restore.notAllowed')}{' '}
            <button type="button" className="link" onClick={closeRestore}>
              {t('restore.cancel')}
            </button>
          </p>
        ))}
      {shown && <DrillReport report={shown} />}
      <BackupFiles files={files} reports={reports} canRestore={mayRestore} disabled={busy !== null} onRestore={openRestore} />
      <div className="card subsection">
        <h3>{t('backup.reports')}</h3>
        {reports.length === 0 ? (
          <p className="empty">{t('backup.noReports')}</p>
        ) : (
          <ul>
            {reports.map((r) => (
              <li key={r.id}>
                <button type="button" className="link" onClick={() => show(r)}>
                  {new Date(r.at).toLocaleString()}
                </button>{' '}
                {r.passed ? '✔ ' + t('backup.passed') : '✘ ' + t('backup.failed')} · {r.backup}
              </li>
            ))}
          </ul>
        )}
      </div>
      {can(role, 'backup.configure') && <BackupSchedule status={status} />}
    </section>
  );
}

function DrillReport({ report }: { report: DrillReportView }) {
  const t = useT();
  const exportReport = () => {
    // The report holds file names, times and check results only: safe to save anywhere.
    const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `coffer-drill-${report.at.slice(0, 10)}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <div className="card subsection" data-testid="drill-report" aria-labelledby="drill-title">
      <h3 id="drill-title">
        {t('backup.report')}: <span data-testid="drill-verdict">{report.passed ? t('backup.passed') : t('backup.failedAt', { check: t(`drill.${report.firstFailure ?? 'key'}`) })}</span>
      </h3>
      <p className="hint">
        {report.backup} · {t('backup.recoveryPoint')}: {report.recoveryPointMs === null ? '—' : `${(report.recoveryPointMs / 3_600_000).toFixed(1)} h`} · {t('backup.recoveryTime')}: {(report.restoreMs / 1000).toFixed(1)} s
      </p>
      <h4>{t('backup.checksTitle')}</h4>
      <ul className="checks">
        {report.checks.map((c) => (
          <li key={c.name} data-testid="drill-check" data-ok={c.ok}>
            {c.ok ? '✔' : '✘'} <strong>{t(`drill.${c.name}`)}</strong>
            {/* What a pass proves, in words; a failure's detail says what was found instead. */}
            <br />
            <span className={c.ok ? 'hint' : 'problem'}>{c.ok ? t(`drillProof.${c.name}`) : c.detail}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={exportReport}>
        {t('backup.export')}
      </button>
    </div>
  );
}
