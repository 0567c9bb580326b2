import { useEffect, useState, type FormEvent } from 'react';
import { RecoveryKeyField } from '../../components/Field';
import { errorTextIn, useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useSetupStore } from '../../stores/setup-store';
import { Actions, Button, Notice, Progress } from '../../ui';
import styles from './setup.module.css';

/** Setup's other way in: this profile's vault brought back from a backup file and the recovery key. */
export function RestoreStep() {
  const t = useT();
  const fmt = useFormat();
  const { backupFile, pickBackupFile, restoreFromBackup, busy, error } = useSetupStore();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [restoring, setRestoring] = useState(false);
  const [seconds, setSeconds] = useState(0);
  // No status channel answers before sign-in, so the wait shows as elapsed time.
  useEffect(() => {
    if (!restoring) return;
    setSeconds(0);
    const timer = window.setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => window.clearInterval(timer);
  }, [restoring]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!backupFile || !recoveryKey.trim() || busy) return;
    setRestoring(true);
    void restoreFromBackup(recoveryKey.trim()).finally(() => setRestoring(false));
  };
  return (
    <form onSubmit={submit} data-testid="setup-restore">
      <p>{t('restore.setup.intro')}</p>
      <Actions>
        <Button variant="secondary" disabled={busy} onClick={() => void pickBackupFile()} autoFocus>
          {backupFile ? t('restore.setup.chooseAnother') : t('restore.setup.choose')}
        </Button>
      </Actions>
      {backupFile && (
        <dl data-testid="restore-file" className={styles.facts}>
          <div className={styles.fact}>
            <dt>{t('restore.setup.file')}</dt>
            <dd>{backupFile.name}</dd>
          </div>
          <div className={styles.fact}>
            <dt>{t('restore.setup.size')}</dt>
            <dd>{fmt.fileSize(backupFile.size)}</dd>
          </div>
          <div className={styles.fact}>
            <dt>{t('restore.setup.date')}</dt>
            <dd>{backupFile.at ? fmt.dateTime(backupFile.at) : t('restore.setup.unknownDate')}</dd>
          </div>
        </dl>
      )}
      <RecoveryKeyField label={t('restore.recoveryKey')} value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} disabled={busy} hint={t('restore.setup.hint')} />
      {restoring && (
        <>
          {/* How long a restore takes is not known before it ends: an indeterminate bar, and the time so far. */}
          <Progress label={t('restore.title')} />
          <Notice tone="info" data-testid="restore-progress">
            {t('restore.setup.working', { seconds })}
          </Notice>
        </>
      )}
      {error && (
        <Notice tone="danger" data-testid="error" data-code={error.code}>
          {errorTextIn(t, 'restore.setupError', error.code)}
        </Notice>
      )}
      {/* A tampered decision ledger file: the owner decides, knowing what is lost (issue 16). */}
      {error?.code === 'LEDGER_TAMPERED' && (
        <Actions>
          <Button
            variant="danger"
            data-testid="restore-anyway"
            disabled={busy}
            onClick={() => {
              setRestoring(true);
              void restoreFromBackup(recoveryKey.trim(), true).finally(() => setRestoring(false));
            }}
          >
            {t('ledger.restoreAnyway')}
          </Button>
        </Actions>
      )}
      <Actions>
        <Button type="submit" disabled={busy || !backupFile || !recoveryKey.trim()}>
          {busy ? t('restore.working') : t('restore.submit')}
        </Button>
      </Actions>
    </form>
  );
}
