import { useEffect } from 'react';
import { CONSENT_PURPOSES, EVIDENCE_SOURCES, SEPARATE_CONSENT_PURPOSES, type ConsentPurpose, type EvidenceSource } from '../../../../shared/consent';
import { can } from '../../../../shared/permissions';
import { useT, type MessageKey } from '../../i18n';
import { useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { Field, Input, Select } from '../../ui';
import layout from '../../ui/layout.module.css';
import { basisText } from './consent-words';
import { useImportConsentStore } from './import-consent-store';

// A custom purpose needs a label per batch; the record's dialog offers it, the import keeps to the fixed ones.
const PURPOSES = CONSENT_PURPOSES.filter((p) => p !== 'custom');

/**
 * The import's check step (issue 16): a lawful basis for the customers this batch creates, and/or
 * a purpose withdrawn for every customer the batch writes or matches. Main checks both before the
 * first row is written.
 */
export function ImportConsentFields() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const s = useImportConsentStore();
  const options = useChannelQuery('consent.notices', {}, { enabled: can(role, 'consent.read') && s.grantOn });
  useEffect(() => () => useImportConsentStore.getState().reset(), []);
  const purposeSelect = (value: ConsentPurpose, onChange: (p: ConsentPurpose) => void, testId: string) => (
    <Field label={t('consent.field.purpose')}>
      {(c) => (
        <Select {...c} value={value} onChange={(e) => onChange(e.target.value as ConsentPurpose)} data-testid={testId}>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`consent.purpose.${p}` as MessageKey)}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
  const evidence = (source: EvidenceSource, date: string, onSource: (v: EvidenceSource) => void, onDate: (v: string) => void) => (
    <>
      <Field label={t('consent.field.source')}>
        {(c) => (
          <Select {...c} value={source} onChange={(e) => onSource(e.target.value as EvidenceSource)}>
            {EVIDENCE_SOURCES.map((v) => (
              <option key={v} value={v}>
                {t(`consent.source.${v}` as MessageKey)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('consent.field.date')}>{(c) => <Input {...c} type="date" value={date} onChange={(e) => onDate(e.target.value)} />}</Field>
    </>
  );
  if (!can(role, 'consent.write')) return null;
  const separateAsked = options.data?.regime === 'pipl' && s.basis === 'consent' && SEPARATE_CONSENT_PURPOSES.includes(s.grantPurpose);
  return (
    <fieldset className={layout.subsection} data-testid="import-consent">
      <legend>{t('importConsent.title')}</legend>
      <label className={layout.checkbox}>
        <input type="checkbox" checked={s.grantOn} onChange={(e) => s.set({ grantOn: e.target.checked })} data-testid="import-consent-grant" />
        <span>{t('importConsent.grant')}</span>
      </label>
      {s.grantOn && (
        <div>
          {purposeSelect(s.grantPurpose, (p) => s.set({ grantPurpose: p }), 'import-consent-grant-purpose')}
          <Field label={t('consent.field.basis')}>
            {(c) => (
              <Select {...c} value={s.basis} onChange={(e) => s.set({ basis: e.target.value })}>
                {(options.data?.bases ?? []).map((b) => (
                  <option key={b} value={b}>
                    {basisText(t, b)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {separateAsked && (
            <label className={layout.checkbox}>
              <input type="checkbox" checked={s.separate} onChange={(e) => s.set({ separate: e.target.checked })} />
              <span>{t('consent.field.separate')}</span>
            </label>
          )}
          {evidence(s.grantSource, s.grantDate, (v) => s.set({ grantSource: v }), (v) => s.set({ grantDate: v }))}
        </div>
      )}
      <label className={layout.checkbox}>
        <input type="checkbox" checked={s.withdrawOn} onChange={(e) => s.set({ withdrawOn: e.target.checked })} data-testid="import-consent-withdraw" />
        <span>{t('importConsent.withdraw')}</span>
      </label>
      {s.withdrawOn && (
        <div>
          <p className={layout.hint}>{t('importConsent.withdrawHint')}</p>
          {purposeSelect(s.withdrawPurpose, (p) => s.set({ withdrawPurpose: p }), 'import-consent-withdraw-purpose')}
          {evidence(s.withdrawSource, s.withdrawDate, (v) => s.set({ withdrawSource: v }), (v) => s.set({ withdrawDate: v }))}
        </div>
      )}
    </fieldset>
  );
}
