import type { BackupStatus } from '../../../../shared/backup';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation } from '../../query';
import { Actions, Badge, Button, Card, type BadgeTone } from '../../ui';
import styles from './backups.module.css';

const TONE: Record<NonNullable<BackupStatus['secondFolder']>['state'], BadgeTone> = { ok: 'success', waiting: 'neutral', stale: 'warning', unavailable: 'danger' };

/**
 * The optional second backup folder (a USB disk beside a NAS): its own status, since a copy there
 * can fail while the backup itself is safe. Main shows the picker; removing only stops the copies.
 */
export function SecondFolderCard({ status, canConfigure, disabled }: { status: BackupStatus; canConfigure: boolean; disabled: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const choose = useChannelMutation('settings.chooseSecondBackupFolder', ['backup.']);
  const remove = useChannelMutation('backup.removeSecondFolder', ['backup.']);
  const second = status.secondFolder;
  if (!second && !canConfigure) return null;
  return (
    <Card title={t('second.title')} level={3} width="wide" className={styles.card} data-testid="second-folder">
      {second ? (
        <dl className={styles.facts}>
          <dt>{t('second.folder')}</dt>
          <dd data-testid="second-folder-label">{second.label}</dd>
          <dt>{t('second.state')}</dt>
          <dd>
            <Badge tone={TONE[second.state]} data-testid="second-folder-state" data-state={second.state}>
              {t(`second.state.${second.state}`)}
            </Badge>
          </dd>
          <dt>{t('second.lastCopy')}</dt>
          <dd data-testid="second-folder-last">{second.lastCopyAt ? t('backup.lastValue', { when: fmt.dateTime(second.lastCopyAt), age: fmt.relative(second.lastCopyAt) }) : t('backup.never')}</dd>
          {second.errorCode && (
            <>
              <dt>{t('backup.lastFailure')}</dt>
              <dd className={styles.problem}>
                <ErrorNotice error={{ code: second.errorCode as 'INTERNAL', message: '' }} />
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p>{t('second.none')}</p>
      )}
      <ErrorNotice error={errorBody(choose.error ?? remove.error)} />
      {canConfigure && (
        <Actions>
          <Button variant="secondary" disabled={disabled || !status.folder || choose.isPending} onClick={() => (remove.reset(), choose.mutate({}))} data-testid="second-folder-choose">
            {second ? t('second.change') : t('second.choose')}
          </Button>
          {second && (
            <Button variant="ghost" disabled={disabled || remove.isPending} onClick={() => (choose.reset(), remove.mutate({}))} data-testid="second-folder-remove">
              {t('second.remove')}
            </Button>
          )}
        </Actions>
      )}
    </Card>
  );
}
