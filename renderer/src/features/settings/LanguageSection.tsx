import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../../i18n';
import { Card } from '../../ui';
import layout from '../../ui/layout.module.css';
import styles from './settings.module.css';

/** The same switch as the top bar's, where people look for it: in Settings. */
export function LanguageSection() {
  const t = useT();
  return (
    <Card title={t('settings.languageTitle')} level={3} className={styles.section} data-testid="settings-language">
      <p className={layout.hint}>{t('settings.languageIntro')}</p>
      <LanguageSwitch testId="settings-language-switch" />
    </Card>
  );
}
