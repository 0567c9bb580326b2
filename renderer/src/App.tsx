import { useEffect } from 'react';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useT } from './i18n';
import { useAppStore } from './stores/app-store';

export function App() {
  const t = useT();
  const { phase, status, version, locale, load } = useAppStore();

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.name');
  }, [locale, t]);

  return (
    <div className="shell" data-testid="app-shell" data-phase={phase}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">◆</span>
          <h1>{t('app.name')}</h1>
        </div>
        <LanguageSwitch />
      </header>
      <main className="content">
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
          <section className="welcome" data-testid="vault-state" data-vault={status.vault}>
            {status.keychain === 'unavailable' && (
              <p role="alert" className="notice notice-warning">
                {t('keychain.unavailable')}
              </p>
            )}
            <h2>{t(`vault.${status.vault === 'needs-setup' ? 'needsSetup' : status.vault}.title`)}</h2>
            <p className="tagline">{t('app.tagline')}</p>
            {status.vault === 'needs-setup' && <p>{t('vault.needsSetup.body')}</p>}
            {status.vault === 'locked' && <p>{t('vault.locked.body')}</p>}
          </section>
        )}
      </main>
      <footer className="statusbar" data-testid="version">
        {version && t('app.version', { app: version.app, schema: version.schema, sqlite: version.sqlite })}
      </footer>
    </div>
  );
}
