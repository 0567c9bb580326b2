import { useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { PasswordAgainField, RecoveryKeyField } from '../../components/Field';
import { errorTextIn, fieldText, restoreStepText, useT } from '../../i18n';
import { useFormat, type Format } from '../../i18n/format';
import { ChannelError, useChannelQuery } from '../../query';
import { useBackupStore, type BackupFile } from '../../stores/backup-store';
import { afterVaultReplaced } from '../../stores/session-data';
import { Actions, Button, Card, Field as LabelledField, Notice, Select } from '../../ui';
import { useApprovalGate } from '../approvals/use-approval-gate';
import type { BackupJobs } from './backup-queries';
import styles from './backups.module.css';

export const fileDate = (fmt: Format, file: BackupFile): string => (file.at ? fmt.dateTime(file.at) : file.name);

/**
 * Backups > Restore: which backup, what will happen, the password again, and (for a backup from
 * before a key change) the recovery key. Success ends every session, so the page goes away.
 */
export function RestorePanel({ files, busy, restore }: { files: BackupFile[]; busy: BackupJobs['busy']; restore: BackupJobs['restore'] }) {
  const t = useT();
  const fmt = useFormat();
  const { restoreTarget, closeRestore: close } = useBackupStore();
  const complete = files.filter((f) => f.kind === 'complete');
  const [picked, setPicked] = useState<string | null>(restoreTarget?.fileName ?? null);
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [needsKey, setNeedsKey] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  // A restore replaces every record: a second person approves it first (issue 15).
  const [approvalDialog, gate] = useApprovalGate();
  // Opened from the menu before the list has loaded: the newest complete backup, once known.
  const chosen = complete.find((f) => f.name === picked) ?? complete[0];
  const running = busy === 'restore';
  // The step, asked for twice a second only while the restore runs (progress is main's memory,
  // not the database the restore swaps out).
  const progress = useChannelQuery('backup.progress', {}, { enabled: running, refetchInterval: running ? 500 : false, staleTime: 0 });
  const closeRestore = () => !running && close();

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
    let outcome;
    try {
      outcome = await gate({ fileName: chosen.name, password, ...(needsKey && recoveryKey.trim() ? { recoveryKey: recoveryKey.trim() } : {}) }, async (input) => {
        const result = await restore(input);
        if (!result.ok) throw new ChannelError(result.error);
        return result.value;
      });
    } catch (problem) {
      const body = problem instanceof ChannelError ? problem.body : { code: 'INTERNAL' as const, message: '' };
      if (body.code === 'RECOVERY_KEY_REQUIRED') setNeedsKey(true);
      if (body.code === 'UNAUTHENTICATED') setPassword('');
      return setError(body);
    }
    // Sent to the inbox or waiting out a cooling-off: the password typed here is not kept.
    if (outcome.status !== 'done') return setPassword('');
    const restored = outcome.value;
    const date = restored.report.backupCreatedAt ? fmt.dateTime(restored.report.backupCreatedAt) : fileDate(fmt, chosen);
    await afterVaultReplaced({ key: 'restore.done', params: { date, safetyCopy: restored.safetyCopy }, ledger: restored.ledger });
  };
  const wrongPassword = error?.fields?.password;
  const step = running && progress.data?.task === 'restore' ? progress.data.step : 'start';

  return (
    <Card level={3} width="wide" className={styles.card} title={<span id="restore-title">{t('restore.title')}</span>}>
      <form role="dialog" aria-labelledby="restore-title" data-testid="restore-panel" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && closeRestore()}>
        {!chosen ? (
          <Notice tone="warning">{t('restore.noComplete')}</Notice>
        ) : (
          <>
            <LabelledField label={t('restore.backup')}>
              {(control) => (
                <Select {...control} value={chosen.name} disabled={running} onChange={(e) => choose(e.target.value)} data-testid="restore-backup">
                  {complete.map((f) => (
                    <option key={f.name} value={f.name}>
                      {fileDate(fmt, f)} · {f.name}
                    </option>
                  ))}
                </Select>
              )}
            </LabelledField>
            <ul className={styles.hintList}>
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
            <label className={styles.checkbox}>
              <input type="checkbox" checked={confirmed} disabled={running} onChange={(e) => setConfirmed(e.target.checked)} data-testid="restore-confirm" />
              <span>{t('restore.confirm')}</span>
            </label>
          </>
        )}
        {running && (
          <Notice tone="info" data-testid="restore-progress">
            {t('restore.running', { step: restoreStepText(t, step) })}
          </Notice>
        )}
        {error && !wrongPassword && (
          <Notice tone="danger" data-testid="error" data-code={error.code}>
            {errorTextIn(t, 'restore.error', error.code)}
          </Notice>
        )}
        <Actions>
          {chosen && (
            <Button type="submit" variant="danger" disabled={running || !password || !confirmed || (needsKey && !recoveryKey.trim())}>
              {running ? t('restore.working') : t('restore.submit')}
            </Button>
          )}
          <Button variant="secondary" disabled={running} onClick={closeRestore}>
            {t('restore.cancel')}
          </Button>
        </Actions>
      </form>
      {approvalDialog}
    </Card>
  );
}
