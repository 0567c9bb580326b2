import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useSetupStore } from '../../stores/setup-store';
import { Actions, Button, Notice } from '../../ui';

export function BackupStep() {
  const t = useT();
  const { backupFolder, chooseBackupFolder, finish, busy, error } = useSetupStore();
  return (
    <div data-testid="setup-backup">
      <p>{t('setup.backup.body')}</p>
      {backupFolder && (
        <Notice tone="success" data-testid="backup-folder">
          {t('setup.backup.chosen', { folder: backupFolder })}
        </Notice>
      )}
      <ErrorNotice error={error} />
      <Actions>
        <Button variant="secondary" disabled={busy} onClick={() => void chooseBackupFolder()}>
          {t('setup.backup.choose')}
        </Button>
        <Button onClick={() => void finish()}>
          {backupFolder ? t('setup.backup.done') : t('setup.backup.skip')}
        </Button>
      </Actions>
    </div>
  );
}
