import { useT } from '../../i18n';
import type { BackupFile } from '../../stores/backup-store';
import { fileDate } from './RestorePanel';

const sizeText = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** The backup folder's files; complete ones can be restored by a role that may. */
export function BackupFiles({ files, canRestore, onRestore, disabled }: { files: BackupFile[]; canRestore: boolean; onRestore(name: string): void; disabled: boolean }) {
  const t = useT();
  const shown = files.filter((f) => f.kind !== 'other');
  return (
    <div className="card subsection" data-testid="backup-files">
      <h3>{t('restore.files')}</h3>
      {shown.length === 0 ? (
        <p className="empty">{t('restore.noFiles')}</p>
      ) : (
        <ul>
          {shown.map((f) => (
            <li key={f.name} data-testid="backup-file" data-name={f.name} data-kind={f.kind}>
              {fileDate(f)} · <span className="hint">{f.name}</span> · {sizeText(f.size)}
              {f.kind !== 'complete' && <span className="badge">{t(`restore.kind.${f.kind}`)}</span>}
              {f.kind === 'complete' && canRestore && (
                <>
                  {' '}
                  <button type="button" className="link" disabled={disabled} aria-label={t('restore.openLabel', { date: fileDate(f) })} onClick={() => onRestore(f.name)}>
                    {t('restore.open')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
