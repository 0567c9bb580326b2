import { useT } from '../../i18n';

/**
 * Shown instead of setup or unlock when main could not load the database module. It must not
 * look like a damaged vault: the data is fine, and the fix is a build or a reinstall, never a
 * restore. There is no retry button: the module is loaded when Coffer starts.
 */
export function EngineMissingScreen() {
  const t = useT();
  return (
    <section className="card" data-testid="engine-missing" aria-labelledby="engine-title">
      <h2 id="engine-title">{t('engine.title')}</h2>
      <p>{t('engine.what')}</p>
      <p role="alert" className="notice notice-warning">
        {t('engine.untouched')}
      </p>
      <p>{t('engine.fixDev')}</p>
      <pre className="command">
        <code data-testid="engine-command">npm run native:electron</code>
      </pre>
      <p>{t('engine.fixInstalled')}</p>
      <p className="hint">{t('engine.code', { code: 'DATABASE_ENGINE_MISSING' })}</p>
    </section>
  );
}
