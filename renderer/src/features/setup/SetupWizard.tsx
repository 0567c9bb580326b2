import { useT } from '../../i18n';
import { useSetupStore } from '../../stores/setup-store';
import { BackupStep } from './BackupStep';
import { OwnerStep } from './OwnerStep';
import { RecoveryStep } from './RecoveryStep';

const STEP_NUMBER = { owner: 1, recovery: 2, backup: 3 } as const;

export function SetupWizard() {
  const t = useT();
  const step = useSetupStore((state) => state.step);
  return (
    <section className="card" data-testid="setup" data-step={step} aria-labelledby="setup-title">
      <p className="eyebrow">{t('setup.steps', { step: STEP_NUMBER[step] })}</p>
      <h2 id="setup-title">{step === 'owner' ? t('setup.title') : step === 'recovery' ? t('setup.recovery.title') : t('setup.backup.title')}</h2>
      {step === 'owner' && <OwnerStep />}
      {step === 'recovery' && <RecoveryStep />}
      {step === 'backup' && <BackupStep />}
    </section>
  );
}
