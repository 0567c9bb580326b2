import { useT } from '../../i18n';
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
import { PrivacySection } from '../privacy/PrivacySection';
import { CustomerFieldsSection } from '../privacy/CustomerFieldsSection';
import { RequestSettings } from '../privacy/requests/RequestSettings';

/** The owner's settings: the shop, its lists, the language, privacy, and which customer fields this vault keeps. */
export function SettingsPage() {
  const t = useT();
  return (
    <>
    <Card title={t('nav.settings')} data-testid="settings-page">
      <p className={layout.hint}>{t('settings.signInRulesWhere')}</p>
      <About />
    </Card>
    <ShopProfileSection />
    <ManagedListsSection />
    <ScreenProtectionSection />
    <DataRulesSection />
    <PrivacySection />
    <CustomerFieldsSection />
    <RequestSettings />
    <NoticeSection />
    <LanguageSection />
    <MonitoringRules />
    </>
  );
}
