import { useEffect } from 'react';
import { LanguageSwitch } from './components/LanguageSwitch';
import { TwoFactor } from './features/home/TwoFactor';
import { DataRulesScreen } from './features/data-rules/DataRulesScreen';
import { EngineMissingScreen } from './features/engine/EngineMissingScreen';
import { AppShell } from './features/shell/AppShell';
import { HistoryButtons } from './features/shell/HistoryButtons';
import styles from './features/shell/Shell.module.css';
import { LockScreen } from './features/shell/LockScreen';
import { SetupWizard } from './features/setup/SetupWizard';
import { LoginScreen } from './features/unlock/LoginScreen';
import { UnlockScreen } from './features/unlock/UnlockScreen';
import { useT } from './i18n';
import { useRefreshHints } from './query/hints';
import { useAppStore } from './stores/app-store';
import { useSetupStore } from './stores/setup-store';
import { Button, Card, Notice } from './ui';

export function App() {
  const t = useT();
  const { phase, status, locale, load } = useAppStore();
  // Setup keeps its own screen until the owner leaves the last step, even though the vault is
  // already unlocked and the owner logged in after step 2.
  const setupStep = useSetupStore((state) => state.step);

  useEffect(() => {
    void load();
  }, [load]);

  // Idle lock and the menu's Lock happen in main, which then hints 'app.status': the lock screen
  // comes up without a click and without polling (query/hints.ts).
  const refresh = useAppStore((state) => state.refresh);
  useRefreshHints(refresh);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.name');
  }, [locale, t]);

  // Without the database module nothing can open: that screen replaces setup and unlock.
  const engineMissing = status?.databaseEngine === 'missing';
  const inSetup = !engineMissing && (status?.vault === 'needs-setup' || setupStep !== 'owner');
  const open = !engineMissing && !inSetup;
  // Signed in and past every gate: the app layout takes the window and scrolls its own content.
  const signedIn = open && status?.vault === 'unlocked' && Boolean(status.session) && !status.sessionLocked && status.twoFactor !== 'required';
  // The shop's data rules come before the app: main refuses customer data until they are accepted.
  const mustAcceptRules = signedIn && status?.mustAcceptDataRules === true;
  const shellOpen = signedIn && !mustAcceptRules;

  return (
    <div className={styles.shell} data-testid="app-shell" data-phase={phase}>
      <header className={styles.topbar}>
        <div className={styles.brand}>
          <span className={styles.brandMark} aria-hidden="true">◆</span>
          <h1>{t('app.name')}</h1>
        </div>
        {shellOpen && <HistoryButtons />}
        <LanguageSwitch />
      </header>
      <main className={shellOpen ? styles.mainShell : styles.main} data-testid="vault-state" data-vault={status?.vault ?? ''}>
        {phase === 'loading' && <p role="status">{t('app.loading')}</p>}
        {phase === 'error' && (
          <Notice tone="danger">
            <p>{t('error.bridge')}</p>
            <Button onClick={() => void load()}>{t('error.retry')}</Button>
          </Notice>
        )}
        {phase === 'ready' && status && (
          <>
            {status.keychain === 'unavailable' && (
              <Notice tone="warning" data-testid="keychain-warning">
                {t('keychain.unavailable')}
              </Notice>
            )}
            {engineMissing && <EngineMissingScreen />}
            {inSetup && <SetupWizard />}
            {open && status.vault === 'locked' && <UnlockScreen reason={status.lockedReason} />}
            {open && status.vault === 'unlocked' && !status.session && <LoginScreen />}
            {open && status.vault === 'unlocked' && status.session && status.sessionLocked && <LockScreen user={status.session} />}
            {open && status.vault === 'unlocked' && status.session && !status.sessionLocked && status.twoFactor === 'required' && (
              <Card>
                <TwoFactor state="required" />
              </Card>
            )}
            {mustAcceptRules && <DataRulesScreen />}
            {shellOpen && status.session && <AppShell user={status.session} status={status} />}
          </>
        )}
      </main>
    </div>
  );
}
