import { MARKETING_PURPOSES, type ConsentLeftOut, type MarketingPurpose } from '../../../../shared/consent';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { Field, Select } from '../../ui';

/**
 * "Marketing purpose" for an export or a reminder (issue 16). Empty: not marketing, nothing is
 * checked. A purpose: main leaves out (export) or refuses (reminder) customers who withdrew it.
 */
export function MarketingPurposeField({ label, hint, value, onChange, testId }: { label: 'export.purpose' | 'reminder.purpose'; hint?: string; value: MarketingPurpose | null; onChange(value: MarketingPurpose | null): void; testId: string }) {
  const t = useT();
  const none = label === 'export.purpose' ? t('export.purpose.none') : t('reminder.purpose.none');
  return (
    <Field label={t(label)} hint={hint}>
      {(c) => (
        <Select {...c} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as MarketingPurpose))} data-testid={testId}>
          <option value="">{none}</option>
          {MARKETING_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`consent.purpose.${p}` as MessageKey)}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

/** The export result's sentence about who was left out for the purpose, and why. */
export function consentLeftOutText(t: Translate, left: ConsentLeftOut): string {
  return t('export.consentLeftOut', { purpose: t(`consent.purpose.${left.purpose}` as MessageKey), withdrawn: left.withdrawn, never: left.neverGranted });
}

/** The compact form of the field for the reminder row (a labelled select, no hint). */
export function MarketingPurposeSelect({ value, onChange }: { value: MarketingPurpose | null; onChange(value: MarketingPurpose | null): void }) {
  const t = useT();
  return (
    <Select aria-label={t('reminder.purpose')} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as MarketingPurpose))} data-testid="reminder-purpose">
      <option value="">{t('reminder.purpose.none')}</option>
      {MARKETING_PURPOSES.map((p) => (
        <option key={p} value={p}>
          {t(`consent.purpose.${p}` as MessageKey)}
        </option>
      ))}
    </Select>
  );
}
