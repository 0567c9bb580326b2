import { useEffect } from 'react';
import { LanguageSwitch } from './components/LanguageSwitch';
import { TwoFactor } from './features/home/TwoFactor';
import { EngineMissingScreen } from './features/engine/EngineMissingScreen';
import { AppShell } from './features/shell/AppShell';
import { LockScreen } from './features/shell/LockScreen';
import { SetupWizard } from './features/setup/SetupWizard';
import { LoginScreen } from './features/unlock/LoginScreen';
import { UnlockScreen } from './features/unlock/UnlockScreen';
import { useT } from './i18n';
import { useAppStore } from './stores/app-store';
import { useSetupStore } from './stores/setup-store';

export function App() {
  const t = useT();
  const { phase, status, version, locale, load } = useAppStore();
  // Setup keeps its own screen until the owner leaves the last step, even though the vault is
  // already unlocked and the owner logged in after step 2.
  const setupStep = useSetupStore((state) => state.step);

  useEffect(() => {
    void load();
  }, [load]);

  // Idle lock and the menu's Lock now happen in main; a light status poll brings the lock screen
  // up without waiting for the next click. app.status does not count as activity.
  const refresh = useAppStore((state) => state.refresh);
  const signedIn = Boolean(status?.session);
  useEffect(() => {
    if (!signedIn) return;
    const timer = window.setInterval(() => void refresh(), 5000);
    return () => window.clearInterval(timer);
  }, [signedIn, refresh]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.name');
  }, [locale, t]);

  // Without the database module nothing can open: that screen replaces setup and unlock.
  const engineMissing = status?.databaseEngine === 'missing';
  const inSetup = !engineMissing && (status?.vault === 'needs-setup' || setupStep !== 'owner');
  const open = !engineMissing && !inSetup;

  return (
    <div className="shell" data-testid="app-shell" data-phase={phase}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">◆</span>
          <h1>{t('app.name')}</h1>
        </div>
        <LanguageSwitch />
      </header>
      <main className="content" data-testid="vault-state" data-vault={status?.vault ?? ''}>
        {phase === 'loading' && <p role="status">{t('app.loading')}</p>}
        {phase === 'error' && (
          <div role="alert" className="notice notice-error">
            <p>{t('error.bridge')}</p>
            <button type="button" onClick={() => void load()}>
              {t('error.retry')}
            </button>
          </div>
        )}
        {phase === 'ready' && status && (
          <>
            {status.keychain === 'unavailable' && (
              <p role="alert" className="notice notice-warning" data-testid="keychain-warning">
                {t('keychain.unavailable')}
              </p>
            )}
            {engineMissing && <EngineMissingScreen />}
            {inSetup && <SetupWizard />}
            {open && status.vault === 'locked' && <UnlockScreen reason={status.lockedReason} />}
            {open && status.vault === 'unlocked' && !status.session && <LoginScreen />}
            {open && status.vault === 'unlocked' && status.session && status.sessionLocked && <LockScreen user={status.session} />}
            {open && status.vault === 'unlocked' && status.session && !status.sessionLocked && status.twoFactor === 'required' && (
              <section className="card">
                <TwoFactor state="required" />
              </section>
            )}
            {open && status.vault === 'unlocked' && status.session && !status.sessionLocked && status.twoFactor !== 'required' && <AppShell user={status.session} status={status} />}
          </>
        )}
      </main>
      <footer className="statusbar" data-testid="version">
        {version && t('app.version', { app: version.app, schema: version.schema, sqlite: version.sqlite })}
      </footer>
    </div>
  );
}
