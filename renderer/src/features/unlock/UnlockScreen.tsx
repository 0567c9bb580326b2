import { useState, type FormEvent } from 'react';
import type { AppStatus } from '../../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RecoveryKeyField } from '../../components/Field';
import { useT } from '../../i18n';
import { useAuthStore } from '../../stores/auth-store';
import { Actions, Button, Card } from '../../ui';

export function UnlockScreen({ reason }: { reason: AppStatus['lockedReason'] }) {
  const t = useT();
  const { unlockWithRecoveryKey, retryKeychain, busy, error } = useAuthStore();
  const [recoveryKey, setRecoveryKey] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (recoveryKey.trim()) void unlockWithRecoveryKey(recoveryKey);
  };
  return (
    <Card title={t('unlock.title')} data-testid="unlock">
      {reason && <p data-testid="locked-reason">{t(`unlock.reason.${reason}`)}</p>}
      <form onSubmit={submit}>
        <RecoveryKeyField label={t('unlock.recoveryKey')} value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} autoFocus />
        <ErrorNotice error={error} />
        <Actions>
          <Button type="submit" disabled={busy || !recoveryKey.trim()}>
            {busy ? t('common.working') : t('unlock.submit')}
          </Button>
          {reason !== 'unreadable' && (
            <Button variant="secondary" disabled={busy} onClick={() => void retryKeychain()}>
              {t('unlock.retryKeychain')}
            </Button>
          )}
        </Actions>
      </form>
    </Card>
  );
}
