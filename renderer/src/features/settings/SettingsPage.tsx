import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useCrmStore } from '../../stores/crm-store';
import { Card } from '../../ui';
import layout from '../../ui/layout.module.css';
import { About } from './About';
import { LanguageSection } from './LanguageSection';
import { ManagedListsSection } from './ManagedListsSection';
import { ShopProfileSection } from './ShopProfileSection';

/** The owner's settings: the shop, its lists, the language, and which optional customer fields this vault keeps. */
export function SettingsPage() {
  const t = useT();
  const { optionalFields, loadSettings, setOptionalFields } = useCrmStore();
  const [erase, setErase] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  return (
    <>
    <Card title={t('nav.settings')} data-testid="settings-page">
      <div className={layout.subsection}>
        <h3>{t('settings.optional.title')}</h3>
        <p className={layout.hint}>{t('settings.optional.body')}</p>
        <label className={layout.checkbox}>
          <input type="checkbox" checked={optionalFields === true} disabled={optionalFields === null} onChange={(e) => void setOptionalFields(e.target.checked, !e.target.checked && erase).then(setError)} />
          <span>{t('settings.optional.on')}</span>
        </label>
        {optionalFields && (
          <label className={layout.checkbox}>
            <input type="checkbox" checked={erase} onChange={(e) => setErase(e.target.checked)} />
            <span>{t('settings.optional.erase')}</span>
          </label>
        )}
        <ErrorNotice error={error} />
      </div>
      <p className={layout.hint}>{t('settings.signInRulesWhere')}</p>
      <About />
    </Card>
    <ShopProfileSection />
    <ManagedListsSection />
    <LanguageSection />
    </>
  );
}
