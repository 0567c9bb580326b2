import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useSetupStore } from '../../stores/setup-store';

export function BackupStep() {
  const t = useT();
  const { backupFolder, chooseBackupFolder, finish, busy, error } = useSetupStore();
  return (
    <div data-testid="setup-backup">
      <p>{t('setup.backup.body')}</p>
      {backupFolder && (
        <p className="notice notice-ok" data-testid="backup-folder">
          {t('setup.backup.chosen', { folder: backupFolder })}
        </p>
      )}
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void chooseBackupFolder()}>
          {t('setup.backup.choose')}
        </button>
        <button type="button" onClick={() => void finish()}>
          {backupFolder ? t('setup.backup.done') : t('setup.backup.skip')}
        </button>
      </div>
    </div>
  );
}
