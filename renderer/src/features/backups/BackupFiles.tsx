import type { DrillReportView } from '../../../../shared/backup';
import { useT } from '../../i18n';
import type { BackupFile } from '../../stores/backup-store';
import { fileDate } from './RestorePanel';

const sizeText = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * The backup folder's files, each named by when it was made (in the user's language), its size
 * and what is known of it: every complete file was read back and checked before it got its name
 * (verified), and some have also passed a restore drill. The file name itself, which carries no
 * personal data, is the small print. Complete ones can be restored by a role that may.
 */
export function BackupFiles({ files, reports, canRestore, onRestore, disabled }: { files: BackupFile[]; reports: DrillReportView[]; canRestore: boolean; onRestore(name: string): void; disabled: boolean }) {
  const t = useT();
  const shown = files.filter((f) => f.kind !== 'other');
  const drilled = new Set(reports.filter((r) => r.passed).map((r) => r.backup));
  return (
    <div className="card subsection" data-testid="backup-files">
      <h3>{t('restore.files')}</h3>
      {shown.length === 0 ? (
        <p className="empty">{t('restore.noFiles')}</p>
      ) : (
        <ul>
          {shown.map((f) => (
            <li key={f.name} data-testid="backup-file" data-name={f.name} data-kind={f.kind}>
              <strong data-testid="backup-file-when">{fileDate(f)}</strong> · {sizeText(f.size)}
              {f.kind === 'complete' && (
                <span className="badge" data-testid="backup-file-verified">
                  {t('backup.fileVerified')}
                </span>
              )}
              {drilled.has(f.name) && (
                <span className="badge" data-testid="backup-file-drilled">
                  {t('backup.fileDrilled')}
                </span>
              )}
              {f.kind !== 'complete' && <span className="badge">{t(`restore.kind.${f.kind}`)}</span>}
              {f.kind === 'complete' && canRestore && (
                <>
                  {' '}
                  <button type="button" className="link" disabled={disabled} aria-label={t('restore.openLabel', { date: fileDate(f) })} onClick={() => onRestore(f.name)}>
                    {t('restore.open')}
                  </button>
                </>
              )}
              <br />
              <small className="hint">{f.name}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
