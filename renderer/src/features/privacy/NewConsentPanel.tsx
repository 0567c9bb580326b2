import { useId, useState } from 'react';
import { NEW_CONSENT_SOURCES, type NewConsent } from '../../../../shared/ledger';
import { useT } from '../../i18n';
import { Actions, Button, Notice, Select } from '../../ui';

/**
 * The owner's way past PERSON_ERASED on the customer form: how the new consent was given (a fixed
 * list, so nothing identifying reaches the audit log), then save again with it.
 */
export function NewConsentPanel({ busy, onConfirm }: { busy: boolean; onConfirm: (consent: NewConsent) => void }) {
  const t = useT();
  const id = useId();
  const [source, setSource] = useState<NewConsent['source']>('paper');
  return (
    <Notice tone="warning" data-testid="new-consent">
      <strong>{t('ledger.consentTitle')}</strong>
      <p>{t('ledger.consentBody')}</p>
      <label htmlFor={id}>{t('ledger.consentSource')}</label>{' '}
      <Select id={id} value={source} onChange={(e) => setSource(e.target.value as NewConsent['source'])} data-testid="new-consent-source">
        {NEW_CONSENT_SOURCES.map((s) => (
          <option key={s} value={s}>
            {t(`ledger.source.${s}`)}
          </option>
        ))}
      </Select>
      <Actions>
        <Button disabled={busy} onClick={() => onConfirm({ source })} data-testid="new-consent-save">
          {t('ledger.consentSave')}
        </Button>
      </Actions>
    </Notice>
  );
}
