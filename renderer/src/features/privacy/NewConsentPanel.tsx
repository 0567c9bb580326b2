import type { NewConsent } from '../../../../shared/ledger';
import { useT } from '../../i18n';
import { Actions, Button, Notice } from '../../ui';
import { NewConsentFields, useNewConsentDraft } from './NewConsentFields';

/**
 * The owner's way past PERSON_ERASED on the customer form: the new consent (purposes, basis,
 * evidence, notice; fixed words only reach the audit log), then save again with it. Main records it
 * in the new customer's consent history in the same transaction as the customer.
 */
export function NewConsentPanel({ busy, onConfirm }: { busy: boolean; onConfirm: (consent: NewConsent) => void }) {
  const t = useT();
  const draft = useNewConsentDraft();
  return (
    <Notice tone="warning" data-testid="new-consent">
      <strong>{t('ledger.consentTitle')}</strong>
      <p>{t('ledger.consentBody')}</p>
      <NewConsentFields draft={draft} />
      <Actions>
        <Button disabled={busy || !draft.consent} onClick={() => draft.consent && onConfirm(draft.consent)} data-testid="new-consent-save">
          {t('ledger.consentSave')}
        </Button>
      </Actions>
    </Notice>
  );
}
