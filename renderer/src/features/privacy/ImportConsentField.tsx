import { NEW_CONSENT_SOURCES, type NewConsent } from '../../../../shared/ledger';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useImportStore } from '../../stores/import-store';
import { Field, Select } from '../../ui';

/**
 * The importer's owner-only override of person_erased rows: how the new consent was given. The
 * dry run runs again with it; the ledger entries are superseded (audited) only when the import runs.
 */
export function ImportConsentField() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role);
  const { newConsent, busy, setNewConsent } = useImportStore();
  if (role !== 'owner') return null;
  return (
    <Field label={t('ledger.importConsent')}>
      {(control) => (
        <Select
          {...control}
          data-testid="import-new-consent"
          value={newConsent?.source ?? ''}
          disabled={busy}
          onChange={(e) => void setNewConsent(e.target.value ? { source: e.target.value as NewConsent['source'] } : null)}
        >
          <option value="">—</option>
          {NEW_CONSENT_SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`ledger.source.${s}`)}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
