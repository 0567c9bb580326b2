import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../../i18n';
import styles from './settings.module.css';

/** The same switch as the top bar's, where people look for it: in Settings. */
export function LanguageSection() {
  const t = useT();
  return (
    <section className={`card ${styles.section}`} aria-labelledby="language-title" data-testid="settings-language">
      <h3 id="language-title">{t('settings.languageTitle')}</h3>
      <p className="hint">{t('settings.languageIntro')}</p>
      <LanguageSwitch />
    </section>
  );
}
