import { useT } from '../../i18n';
import { useSetupStore } from '../../stores/setup-store';
import { BackupStep } from './BackupStep';
import { OwnerStep } from './OwnerStep';
import { RecoveryStep } from './RecoveryStep';
import { RestoreStep } from './RestoreStep';

const STEP_NUMBER = { owner: 1, recovery: 2, backup: 3 } as const;

export function SetupWizard() {
  const t = useT();
  const { step, mode, setMode, busy } = useSetupStore();
  const restoring = step === 'owner' && mode === 'restore';
  return (
    <section className="card" data-testid="setup" data-step={restoring ? 'restore' : step} aria-labelledby="setup-title">
      {!restoring && <p className="eyebrow">{t('setup.steps', { step: STEP_NUMBER[step] })}</p>}
      <h2 id="setup-title">{restoring ? t('restore.title') : step === 'owner' ? t('setup.title') : step === 'recovery' ? t('setup.recovery.title') : t('setup.backup.title')}</h2>
      {step === 'owner' && (
        <div className="tabs" role="group" aria-label={t('restore.setup.choice')}>
          {(['new', 'restore'] as const).map((m) => (
            <button key={m} type="button" className={m === mode ? 'tab active' : 'tab'} aria-pressed={m === mode} disabled={busy} onClick={() => setMode(m)}>
              {t(m === 'new' ? 'restore.setup.new' : 'restore.setup.restore')}
            </button>
          ))}
        </div>
      )}
      {step === 'owner' && mode === 'new' && <OwnerStep />}
      {restoring && <RestoreStep />}
      {step === 'recovery' && <RecoveryStep />}
      {step === 'backup' && <BackupStep />}
    </section>
  );
}
