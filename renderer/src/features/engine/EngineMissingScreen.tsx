import { useT } from '../../i18n';
import { Card, Notice } from '../../ui';
import styles from './EngineMissingScreen.module.css';

/**
 * Shown instead of setup or unlock when main could not load the database module. It must not
 * look like a damaged vault: the data is fine, and the fix is a build or a reinstall, never a
 * restore. There is no retry button: the module is loaded when Coffer starts.
 */
export function EngineMissingScreen() {
  const t = useT();
  return (
    <Card title={t('engine.title')} data-testid="engine-missing">
      <p>{t('engine.what')}</p>
      <Notice tone="warning">{t('engine.untouched')}</Notice>
      <p>{t('engine.fixDev')}</p>
      <pre className={styles.command}>
        <code data-testid="engine-command">npm run native:electron</code>
      </pre>
      <p>{t('engine.fixInstalled')}</p>
      <p className={styles.hint}>{t('engine.code', { code: 'DATABASE_ENGINE_MISSING' })}</p>
    </Card>
  );
}
