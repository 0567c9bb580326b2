import { useState } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useImportStore } from '../../stores/import-store';
import { Actions, Button } from '../../ui';
import layout from '../../ui/layout.module.css';
import { NewConsentFields, useNewConsentDraft } from './NewConsentFields';

/**
 * The importer's owner-only override of person_erased rows: the new consent those people gave.
 * The dry run runs again with it; the ledger entries are superseded (audited) only when the import
 * runs, and the consent is recorded on each customer it creates, in that row's batch.
 */
export function ImportConsentField() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role);
  const { newConsent, busy, setNewConsent } = useImportStore();
  const [open, setOpen] = useState(newConsent !== null);
  if (role !== 'owner') return null;
  const toggle = (on: boolean) => {
    setOpen(on);
    if (!on && newConsent) void setNewConsent(null); // the check runs again without it
  };
  return (
    <fieldset className={layout.subsection}>
      <label className={layout.checkbox}>
        <input type="checkbox" checked={open} disabled={busy} onChange={(e) => toggle(e.target.checked)} data-testid="import-new-consent" />
        <span>{t('ledger.importConsent')}</span>
      </label>
      {open && <ImportNewConsent busy={busy} onApply={(consent) => void setNewConsent(consent)} />}
    </fieldset>
  );
}

function ImportNewConsent({ busy, onApply }: { busy: boolean; onApply: (consent: NonNullable<ReturnType<typeof useNewConsentDraft>['consent']>) => void }) {
  const t = useT();
  const draft = useNewConsentDraft();
  return (
    <>
      <NewConsentFields draft={draft} />
      <Actions>
        <Button variant="secondary" disabled={busy || !draft.consent} onClick={() => draft.consent && onApply(draft.consent)} data-testid="import-new-consent-apply">
          {t('ledger.importConsentApply')}
        </Button>
      </Actions>
    </>
  );
}
