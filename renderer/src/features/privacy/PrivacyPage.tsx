import { useT } from '../../i18n';
import { Card } from '../../ui';
import { DisclosuresRegister } from './DisclosuresRegister';
import { PrivacyContact } from './PrivacyContact';

/**
 * The privacy area (issue 16) for owner, manager and auditor: the privacy contact and regime, then
 * the registers. Other privacy features add their sections here, one line each.
 */
export function PrivacyPage() {
  const t = useT();
  return (
    <>
      <Card title={t('nav.privacy')} data-testid="privacy-page">
        <PrivacyContact />
      </Card>
      <DisclosuresRegister />
    </>
  );
}
