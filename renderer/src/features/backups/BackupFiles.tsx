import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import type { BackupFile } from '../../stores/backup-store';
import { fileDate } from './RestorePanel';

/** The backup folder's files; complete ones can be restored by a role that may. */
export function BackupFiles({ files, canRestore, onRestore, disabled }: { files: BackupFile[]; canRestore: boolean; onRestore(name: string): void; disabled: boolean }) {
  const t = useT();
  const fmt = useFormat();
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
              {fileDate(fmt, f)} · <span className="hint">{f.name}</span> · {fmt.fileSize(f.size)}
              {f.kind !== 'complete' && <span className="badge">{t(`restore.kind.${f.kind}`)}</span>}
              {f.kind === 'complete' && canRestore && (
                <>
                  {' '}
                  <button type="button" className="link" disabled={disabled} aria-label={t('restore.openLabel', { date: fileDate(fmt, f) })} onClick={() => onRestore(f.name)}>
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
