import { useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { PasswordAgainField, RecoveryKeyField } from '../../components/Field';
import { errorTextIn, fieldText, restoreStepText, useT } from '../../i18n';
import { useFormat, type Format } from '../../i18n/format';
import { useBackupStore, type BackupFile } from '../../stores/backup-store';
import { afterVaultReplaced } from '../../stores/session-data';

export const fileDate = (fmt: Format, file: BackupFile): string => (file.at ? fmt.dateTime(file.at) : file.name);

/**
 * Backups > Restore: which backup, what will happen, the password again, and (for a backup from
 * before a key change) the recovery key. Success ends every session, so the page goes away.
 */
export function RestorePanel({ files }: { files: BackupFile[] }) {
  const t = useT();
  const fmt = useFormat();
  const { restoreTarget, closeRestore, restore, busy, status } = useBackupStore();
  const complete = files.filter((f) => f.kind === 'complete');
  const [picked, setPicked] = useState<string | null>(restoreTarget?.fileName ?? null);
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [needsKey, setNeedsKey] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  // Opened from the menu before the list has loaded: the newest complete backup, once known.
  const chosen = complete.find((f) => f.name === picked) ?? complete[0];
  const running = busy === 'restore';

  const choose = (name: string) => {
    setPicked(name);
    setNeedsKey(false);
    setRecoveryKey('');
    setError(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !password || !confirmed || running) return;
    setError(null);
    const result = await restore({ fileName: chosen.name, password, ...(needsKey && recoveryKey.trim() ? { recoveryKey: recoveryKey.trim() } : {}) });
    if (result.ok) {
      const date = result.value.report.backupCreatedAt ? fmt.dateTime(result.value.report.backupCreatedAt) : fileDate(fmt, chosen);
      await afterVaultReplaced({ key: 'restore.done', params: { date, safetyCopy: result.value.safetyCopy } });
      return;
    }
    if (result.error.code === 'RECOVERY_KEY_REQUIRED') setNeedsKey(true);
    if (result.error.code === 'UNAUTHENTICATED') setPassword('');
    setError(result.error);
  };
  const wrongPassword = error?.fields?.password;
  const step = status?.running?.task === 'restore' ? status.running.step : 'start';

  return (
    <form
      className="card subsection"
      role="dialog"
      aria-labelledby="restore-title"
      data-testid="restore-panel"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => e.key === 'Escape' && !running && closeRestore()}
    >
      <h3 id="restore-title">{t('restore.title')}</h3>
      {!chosen ? (
        <p className="notice notice-warning">{t('restore.noComplete')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="restore-backup">{t('restore.backup')}</label>
            <select id="restore-backup" value={chosen.name} disabled={running} onChange={(e) => choose(e.target.value)} data-testid="restore-backup">
              {complete.map((f) => (
                <option key={f.name} value={f.name}>
                  {fileDate(fmt, f)} · {f.name}
                </option>
              ))}
            </select>
          </div>
          <ul className="hint">
            <li>{t('restore.explainSafety')}</li>
            <li>{t('restore.explainSignOut')}</li>
            <li>
              <strong>{t('restore.explainLoss', { date: fileDate(fmt, chosen) })}</strong>
            </li>
          </ul>
          <PasswordAgainField
            label={t('restore.password')}
            value={password}
            disabled={running}
            onChange={(e) => setPassword(e.target.value)}
            problem={wrongPassword ? fieldText(t, wrongPassword) : undefined}
            autoFocus
          />
          {needsKey && (
            <RecoveryKeyField label={t('restore.recoveryKey')} value={recoveryKey} disabled={running} onChange={(e) => setRecoveryKey(e.target.value)} hint={t('restore.recoveryKeyHint')} />
          )}
          <label className="checkbox">
            <input type="checkbox" checked={confirmed} disabled={running} onChange={(e) => setConfirmed(e.target.checked)} data-testid="restore-confirm" />
            <span>{t('restore.confirm')}</span>
          </label>
        </>
      )}
      {running && (
        <p role="status" className="notice notice-ok" data-testid="restore-progress">
          {t('restore.running', { step: restoreStepText(t, step) })}
        </p>
      )}
      {error && !wrongPassword && (
        <p role="alert" className="notice notice-error" data-testid="error" data-code={error.code}>
          {errorTextIn(t, 'restore.error', error.code)}
        </p>
      )}
      <div className="actions">
        {chosen && (
          <button type="submit" className="danger" disabled={running || !password || !confirmed || (needsKey && !recoveryKey.trim())}>
            {running ? t('restore.working') : t('restore.submit')}
          </button>
        )}
        <button type="button" className="secondary" disabled={running} onClick={closeRestore}>
          {t('restore.cancel')}
        </button>
      </div>
    </form>
  );
}
