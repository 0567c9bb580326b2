import type { DrillReportView } from '../../../../shared/backup';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import type { BackupFile } from '../../stores/backup-store';
import { Badge, Button, Card, EmptyState } from '../../ui';
import styles from './backups.module.css';
import { fileDate } from './RestorePanel';

/**
 * The backup folder's files, each named by when it was made (in the user's language), its size
 * and what is known of it: every complete file was read back and checked before it got its name
 * (verified), and some have also passed a restore drill. The file name itself, which carries no
 * personal data, is the small print. Complete ones can be restored by a role that may.
 */
export function BackupFiles({ files, reports, canRestore, onRestore, disabled }: { files: BackupFile[]; reports: DrillReportView[]; canRestore: boolean; onRestore(name: string): void; disabled: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const shown = files.filter((f) => f.kind !== 'other');
  const drilled = new Set(reports.filter((r) => r.passed).map((r) => r.backup));
  return (
    <Card title={t('restore.files')} level={3} width="wide" className={styles.card} data-testid="backup-files">
      {shown.length === 0 ? (
        <EmptyState title={t('restore.noFiles')} />
      ) : (
        <ul className={styles.files}>
          {shown.map((f) => (
            <li key={f.name} data-testid="backup-file" data-name={f.name} data-kind={f.kind}>
              <div className={styles.fileLine}>
                <strong data-testid="backup-file-when">{fileDate(fmt, f)}</strong>
                <span>{fmt.fileSize(f.size)}</span>
                {f.kind === 'complete' && (
                  <Badge tone="success" data-testid="backup-file-verified">
                    {t('backup.fileVerified')}
                  </Badge>
                )}
                {drilled.has(f.name) && (
                  <Badge tone="accent" data-testid="backup-file-drilled">
                    {t('backup.fileDrilled')}
                  </Badge>
                )}
                {f.kind !== 'complete' && <Badge tone="warning">{t(`restore.kind.${f.kind}`)}</Badge>}
                {f.kind === 'complete' && canRestore && (
                  <Button variant="ghost" size="sm" disabled={disabled} aria-label={t('restore.openLabel', { date: fileDate(fmt, f) })} onClick={() => onRestore(f.name)}>
                    {t('restore.open')}
                  </Button>
                )}
              </div>
              <small className={styles.fileName}>{f.name}</small>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
