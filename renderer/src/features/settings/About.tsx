import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import styles from './About.module.css';

/**
 * Settings > About: what used to be the developer footer (versions a support call asks for),
 * where someone looks for it instead of on every screen. The Account page shows it to roles that
 * cannot open Settings.
 */
export function About() {
  const t = useT();
  const version = useAppStore((state) => state.version);
  return (
    <section className={styles.about} aria-labelledby="about-title" data-testid="about">
      <h3 id="about-title">{t('about.title')}</h3>
      {version && (
        <dl className={styles.facts} data-testid="version">
          <dt>{t('about.app')}</dt>
          <dd data-testid="about-app">{version.app}</dd>
          <dt>{t('about.schema')}</dt>
          <dd data-testid="about-schema">{version.schema}</dd>
          <dt>{t('about.sqlite')}</dt>
          <dd data-testid="about-sqlite">{version.sqlite}</dd>
        </dl>
      )}
      <p className={styles.licences}>{t('about.licences')}</p>
    </section>
  );
}
