import { DISCLOSURE_AGREEMENT_MAX, DISCLOSURE_PURPOSE_MAX, DISCLOSURE_RECIPIENT_MAX, type DisclosureInput } from '../../../../shared/disclosures';
import { LAWFUL_BASES } from '../../../../shared/privacy';
import { useT, type MessageKey } from '../../i18n';
import { useChannelQuery } from '../../query';
import { Field, Input, Select } from '../../ui';
import layout from '../../ui/layout.module.css';

export type DisclosureDraft = { recipient: string; purpose: string; agreementRef: string; basis: string };

/** What the export sends: nothing when not marked, the trimmed fields when marked. */
export function disclosureOf(draft: DisclosureDraft | null): { disclosure?: DisclosureInput } {
  if (!draft) return {};
  return { disclosure: { recipient: draft.recipient.trim(), purpose: draft.purpose.trim(), agreementRef: draft.agreementRef.trim(), basis: draft.basis as DisclosureInput['basis'] } };
}

export const disclosureReady = (draft: DisclosureDraft | null) => !draft || (draft.recipient.trim() !== '' && draft.purpose.trim() !== '');

/**
 * The export dialog's "this is a disclosure to a third party" part (issue 16): a checkbox, then
 * recipient, purpose, agreement and a lawful basis from the shop's regime. Main checks the basis
 * against the regime again and writes the register row with the export's audit row.
 */
export function DisclosureFields({ value, onChange }: { value: DisclosureDraft | null; onChange(next: DisclosureDraft | null): void }) {
  const t = useT();
  const regime = useChannelQuery('privacy.settings', {}).data?.regime ?? 'pipl';
  const bases = LAWFUL_BASES[regime] as readonly string[];
  const set = (patch: Partial<DisclosureDraft>) => value && onChange({ ...value, ...patch });
  return (
    <div data-testid="disclosure-fields">
      <label className={layout.checkbox}>
        <input type="checkbox" checked={value !== null} onChange={(e) => onChange(e.target.checked ? { recipient: '', purpose: '', agreementRef: '', basis: bases[0] ?? 'consent' } : null)} data-testid="disclosure-mark" />
        <span>{t('disclosure.mark')}</span>
      </label>
      <p className={layout.hint}>{t('disclosure.markHint')}</p>
      {value && (
        <>
          <Field label={t('disclosure.recipient')}>
            {(control) => <Input {...control} required maxLength={DISCLOSURE_RECIPIENT_MAX} value={value.recipient} onChange={(e) => set({ recipient: e.target.value })} data-testid="disclosure-recipient" />}
          </Field>
          <Field label={t('disclosure.purpose')}>
            {(control) => <Input {...control} required maxLength={DISCLOSURE_PURPOSE_MAX} value={value.purpose} onChange={(e) => set({ purpose: e.target.value })} data-testid="disclosure-purpose" />}
          </Field>
          <Field label={t('disclosure.agreement')} hint={t('disclosure.agreementHint')}>
            {(control) => <Input {...control} maxLength={DISCLOSURE_AGREEMENT_MAX} value={value.agreementRef} onChange={(e) => set({ agreementRef: e.target.value })} data-testid="disclosure-agreement" />}
          </Field>
          <Field label={t('disclosure.basis')}>
            {(control) => (
              <Select {...control} value={value.basis} onChange={(e) => set({ basis: e.target.value })} data-testid="disclosure-basis">
                {bases.map((b) => (
                  <option key={b} value={b}>
                    {t(`basis.${b}` as MessageKey)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </>
      )}
    </div>
  );
}
