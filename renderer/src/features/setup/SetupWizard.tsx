import { useT } from '../../i18n';
import { useSetupStore } from '../../stores/setup-store';
import { Button, Card } from '../../ui';
import { BackupStep } from './BackupStep';
import { OwnerStep } from './OwnerStep';
import { RecoveryStep } from './RecoveryStep';
import { RestoreStep } from './RestoreStep';
import styles from './setup.module.css';

const STEP_NUMBER = { owner: 1, recovery: 2, backup: 3 } as const;

export function SetupWizard() {
  const t = useT();
  const { step, mode, setMode, busy } = useSetupStore();
  const restoring = step === 'owner' && mode === 'restore';
  return (
    <Card data-testid="setup" data-step={restoring ? 'restore' : step} aria-labelledby="setup-title">
      {!restoring && <p className={styles.eyebrow}>{t('setup.steps', { step: STEP_NUMBER[step] })}</p>}
      <h2 id="setup-title" className={styles.title}>
        {restoring ? t('restore.title') : step === 'owner' ? t('setup.title') : step === 'recovery' ? t('setup.recovery.title') : t('setup.backup.title')}
      </h2>
      {step === 'owner' && (
        // Two ways in, one pressed: a toggle pair rather than tabs, since each is a different form.
        <div className={styles.modes} role="group" aria-label={t('restore.setup.choice')}>
          {(['new', 'restore'] as const).map((m) => (
            <Button key={m} variant={m === mode ? 'primary' : 'secondary'} size="sm" aria-pressed={m === mode} disabled={busy} onClick={() => setMode(m)}>
              {t(m === 'new' ? 'restore.setup.new' : 'restore.setup.restore')}
            </Button>
          ))}
        </div>
      )}
      {step === 'owner' && mode === 'new' && <OwnerStep />}
      {restoring && <RestoreStep />}
      {step === 'recovery' && <RecoveryStep />}
      {step === 'backup' && <BackupStep />}
    </Card>
  );
}
