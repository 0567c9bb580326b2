import { useEffect } from 'react';
import { can } from '../../../../shared/permissions';
import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import layout from '../../ui/layout.module.css';
import { ConsentFields, FIXED_PURPOSES } from './ConsentFields';
import { useImportConsentStore } from './import-consent-store';

/**
 * The import's check step (issue 16): a lawful basis for the customers this batch creates, and/or
 * a purpose withdrawn for every customer the batch writes or matches. Main checks both before the
 * first row is written. A custom purpose needs a label per record, so the import keeps to the fixed ones.
 */
export function ImportConsentFields() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const s = useImportConsentStore();
  const options = useChannelQuery('consent.notices', {}, { enabled: can(role, 'consent.read') && s.grantOn });
  useEffect(() => () => useImportConsentStore.getState().reset(), []);
  if (!can(role, 'consent.write')) return null;
  return (
    <fieldset className={layout.subsection} data-testid="import-consent">
      <legend>{t('importConsent.title')}</legend>
      <label className={layout.checkbox}>
        <input type="checkbox" checked={s.grantOn} onChange={(e) => s.set({ grantOn: e.target.checked })} data-testid="import-consent-grant" />
        <span>{t('importConsent.grant')}</span>
      </label>
      {s.grantOn && (
        <div>
          <ConsentFields
            value={{ purpose: s.grantPurpose, label: '', basis: s.basis, separate: s.separate, source: s.grantSource, date: s.grantDate, notice: '' }}
            onChange={(p) =>
              s.set({
                ...(p.purpose ? { grantPurpose: p.purpose } : {}),
                ...(p.basis !== undefined ? { basis: p.basis } : {}),
                ...(p.separate !== undefined ? { separate: p.separate } : {}),
                ...(p.source ? { grantSource: p.source } : {}),
                ...(p.date !== undefined ? { grantDate: p.date } : {}),
              })
            }
            options={options.data}
            purposes={FIXED_PURPOSES}
            withBasis
            testIds={{ purpose: 'import-consent-grant-purpose' }}
          />
        </div>
      )}
      <label className={layout.checkbox}>
        <input type="checkbox" checked={s.withdrawOn} onChange={(e) => s.set({ withdrawOn: e.target.checked })} data-testid="import-consent-withdraw" />
        <span>{t('importConsent.withdraw')}</span>
      </label>
      {s.withdrawOn && (
        <div>
          <p className={layout.hint}>{t('importConsent.withdrawHint')}</p>
          <ConsentFields
            value={{ purpose: s.withdrawPurpose, label: '', basis: '', separate: false, source: s.withdrawSource, date: s.withdrawDate, notice: '' }}
            onChange={(p) =>
              s.set({
                ...(p.purpose ? { withdrawPurpose: p.purpose } : {}),
                ...(p.source ? { withdrawSource: p.source } : {}),
                ...(p.date !== undefined ? { withdrawDate: p.date } : {}),
              })
            }
            options={undefined}
            purposes={FIXED_PURPOSES}
            withBasis={false}
            testIds={{ purpose: 'import-consent-withdraw-purpose' }}
          />
        </div>
      )}
    </fieldset>
  );
}
