import { LOCALES, type Locale } from '../../../shared/locale';
import { LOCALE_NAMES, useT } from '../i18n';
import { useAppStore } from '../stores/app-store';
import { Select } from '../ui';
import styles from './LanguageSwitch.module.css';

/** The language select; `testId` tells the Settings copy from the one in the top bar. */
export function LanguageSwitch({ testId = 'language-switch' }: { testId?: string }) {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const setLocale = useAppStore((state) => state.setLocale);
  return (
    <label className={styles.switch}>
      <span>{t('app.language')}</span>
      <Select
        aria-label={t('app.language')}
        data-testid={testId}
        value={locale}
        onChange={(event) => void setLocale(event.target.value as Locale)}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </Select>
    </label>
  );
}
