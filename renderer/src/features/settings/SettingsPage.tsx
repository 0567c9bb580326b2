import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Card } from '../../ui';
import layout from '../../ui/layout.module.css';
import { MonitoringRules } from '../alerts/MonitoringRules';
import { About } from './About';
import { DataRulesSection } from './DataRulesSection';
import { NoticeSection } from '../privacy/NoticeSection';
import { LanguageSection } from './LanguageSection';
import { ManagedListsSection } from './ManagedListsSection';
import { ScreenProtectionSection } from './ScreenProtectionSection';
import { ShopProfileSection } from './ShopProfileSection';

/** The owner's settings: the shop, its lists, the language, and which optional customer fields this vault keeps. */
export function SettingsPage() {
  const t = useT();
  // The customer form reads the same query, so turning the fields on or off shows there at once;
  // erasing them changes customers, so every customer read is stale too.
  const optionalFields = useChannelQuery('settings.customerFields', {}).data?.optionalFields ?? null;
  const change = useChannelMutation('settings.setCustomerFields', ['settings.customerFields', 'customers.']);
  const [erase, setErase] = useState(false);

  return (
    <>
    <Card title={t('nav.settings')} data-testid="settings-page">
      <div className={layout.subsection}>
        <h3>{t('settings.optional.title')}</h3>
        <p className={layout.hint}>{t('settings.optional.body')}</p>
        <label className={layout.checkbox}>
          <input type="checkbox" checked={optionalFields === true} disabled={optionalFields === null || change.isPending} onChange={(e) => change.mutate({ optionalFields: e.target.checked, eraseExisting: !e.target.checked && erase })} />
          <span>{t('settings.optional.on')}</span>
        </label>
        {optionalFields && (
          <label className={layout.checkbox}>
            <input type="checkbox" checked={erase} onChange={(e) => setErase(e.target.checked)} />
            <span>{t('settings.optional.erase')}</span>
          </label>
        )}
        <ErrorNotice error={errorBody(change.error)} />
      </div>
      <p className={layout.hint}>{t('settings.signInRulesWhere')}</p>
      <About />
    </Card>
    <ShopProfileSection />
    <ManagedListsSection />
    <ScreenProtectionSection />
    <DataRulesSection />
    <NoticeSection />
    <LanguageSection />
    <MonitoringRules />
    </>
  );
}
