import type { DrillReportView } from '../../../../shared/backup';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { Badge, Button, Card, cx } from '../../ui';
import styles from './backups.module.css';

/**
 * A restore drill's report. Each check says in plain words what passing it proved (a failure
 * says what was found instead), so the owner knows what "passed" is worth.
 */
export function DrillReport({ report }: { report: DrillReportView }) {
  const t = useT();
  const fmt = useFormat();
  const exportReport = () => {
    // The report holds file names, times and check results only: safe to save anywhere.
    const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `coffer-drill-${report.at.slice(0, 10)}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const verdict = report.passed ? t('backup.passed') : t('backup.failedAt', { check: t(`drill.${report.firstFailure ?? 'key'}`) });
  return (
    <Card
      level={3}
      width="wide"
      className={styles.card}
      data-testid="drill-report"
      title={
        <>
          {t('backup.report')}: <span data-testid="drill-verdict">{verdict}</span>
        </>
      }
      actions={
        <Button variant="secondary" size="sm" onClick={exportReport}>
          {t('backup.export')}
        </Button>
      }
    >
      <p className={styles.hint}>
        {fmt.dateTime(report.at)} · {t('backup.recoveryPoint')}: {report.recoveryPointMs === null ? '—' : fmt.duration(report.recoveryPointMs)} · {t('backup.recoveryTime')}: {fmt.duration(report.restoreMs)}
      </p>
      <h4>{t('backup.checksTitle')}</h4>
      <ul className={styles.checks}>
        {report.checks.map((c) => (
          <li key={c.name} data-testid="drill-check" data-ok={c.ok}>
            <Badge tone={c.ok ? 'success' : 'danger'}>{c.ok ? '✔' : '✘'}</Badge> <strong>{t(`drill.${c.name}`)}</strong>
            <span className={c.ok ? styles.proof : cx(styles.proof, styles.problem)}>{c.ok ? t(`drillProof.${c.name}`) : c.detail}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
