import { useState, type FormEvent } from 'react';
import type { AppStatus } from '../../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RecoveryKeyField } from '../../components/Field';
import { useT } from '../../i18n';
import { useAuthStore } from '../../stores/auth-store';

export function UnlockScreen({ reason }: { reason: AppStatus['lockedReason'] }) {
  const t = useT();
  const { unlockWithRecoveryKey, retryKeychain, busy, error } = useAuthStore();
  const [recoveryKey, setRecoveryKey] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (recoveryKey.trim()) void unlockWithRecoveryKey(recoveryKey);
  };
  return (
    <section className="card" data-testid="unlock" aria-labelledby="unlock-title">
      <h2 id="unlock-title">{t('unlock.title')}</h2>
      {reason && <p data-testid="locked-reason">{t(`unlock.reason.${reason}`)}</p>}
      <form onSubmit={submit}>
        <RecoveryKeyField label={t('unlock.recoveryKey')} value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} autoFocus />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" disabled={busy || !recoveryKey.trim()}>
            {busy ? t('common.working') : t('unlock.submit')}
          </button>
          {reason !== 'unreadable' && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void retryKeychain()}>
              {t('unlock.retryKeychain')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
