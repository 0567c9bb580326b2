import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { Notice } from '../../ui';

/**
 * The privacy contact and regime as one line, for every place that shows privacy text (the
 * Privacy page, notices, request replies): who customers reach about their data.
 */
export function PrivacyContact() {
  const t = useT();
  const settings = useChannelQuery('privacy.settings', {}).data;
  if (!settings) return null;
  const named = settings.contactName.trim() !== '';
  return (
    <Notice tone={named ? 'info' : 'warning'} data-testid="privacy-contact">
      {named ? t('privacy.contactLine', { name: settings.contactName, reach: settings.contactReach || '-' }) : t('privacy.noContact')}
      {' · '}
      {t('privacy.regimeLine', { regime: t(`privacy.regime.${settings.regime}`) })}
    </Notice>
  );
}
