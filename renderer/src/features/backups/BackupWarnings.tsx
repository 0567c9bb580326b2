import type { BackupStatus } from '../../../../shared/backup';
import { useT } from '../../i18n';
import { Button, Notice } from '../../ui';
import styles from './backups.module.css';

/**
 * Warnings that stay until their cause is fixed: there is no dismiss button on purpose. "No
 * backup yet" carries its remedy, when this role may back up and a folder is chosen.
 */
export function BackupWarnings({ status, onBackUp }: { status: BackupStatus; onBackUp?: (() => void) | undefined }) {
  const t = useT();
  if (status.warnings.length === 0) return null;
  return (
    <Notice tone="warning" role="status" data-testid="backup-warnings">
      <ul className={styles.warnings}>
        {status.warnings.map((w) => (
          <li key={w} data-warning={w}>
            {t(`backup.warning.${w}`)}
            {w === 'no-backup' && onBackUp && status.folder && !status.running && (
              <>
                {' '}
                <Button variant="ghost" size="sm" onClick={onBackUp}>
                  {t('backup.now')}
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
