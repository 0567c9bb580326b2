import { useState } from 'react';
import type { ConsentPurpose } from '../../../../shared/consent';
import { NEW_CONSENT_PURPOSES, type NewConsent } from '../../../../shared/ledger';
import { useT, type MessageKey } from '../../i18n';
import { useChannelQuery } from '../../query';
import layout from '../../ui/layout.module.css';
import { ConsentFields, noticeVersionOf, separateAsked, type ConsentFieldValues } from './ConsentFields';
import { localToday } from './consent-words';

type Purpose = NewConsent['purposes'][number];

/** The owner's new consent as it is being filled in, and what it sends (null while no purpose is ticked). */
export function useNewConsentDraft() {
  const options = useChannelQuery('consent.notices', {});
  const [purposes, setPurposes] = useState<Purpose[]>(['marketing-sms']);
  const [values, setValues] = useState<ConsentFieldValues>({ purpose: 'marketing-sms', label: '', basis: 'consent', separate: false, source: 'paper-form', date: localToday(), notice: 'current' });
  const noticeVersion = noticeVersionOf(values.notice, options.data?.notices ?? []);
  const complete = purposes.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(values.date) && options.data !== undefined;
  const consent: NewConsent | null = complete
    ? {
        purposes,
        basis: values.basis as never,
        separate: separateAsked(options.data, values.basis, purposes) && values.separate,
        evidenceSource: values.source,
        evidenceDate: values.date,
        ...(noticeVersion !== undefined ? { noticeVersion } : {}),
      }
    : null;
  return { options: options.data, purposes, setPurposes, values, setValues, consent };
}

/**
 * What the person agreed to this time (one consent event per purpose on the new customer, so its
 * consent history says why they are back), then the same basis, evidence and notice fields as any
 * consent event.
 */
export function NewConsentFields({ draft }: { draft: ReturnType<typeof useNewConsentDraft> }) {
  const t = useT();
  const toggle = (p: Purpose, on: boolean) => draft.setPurposes((list) => (on ? [...list, p] : list.filter((x) => x !== p)));
  return (
    <>
      <fieldset className={layout.subsection}>
        <legend>{t('ledger.consentPurposes')}</legend>
        {NEW_CONSENT_PURPOSES.map((p) => (
          <label key={p} className={layout.checkbox}>
            <input type="checkbox" checked={draft.purposes.includes(p)} onChange={(e) => toggle(p, e.target.checked)} data-testid={`new-consent-purpose-${p}`} />
            <span>{t(`consent.purpose.${p}` as MessageKey)}</span>
          </label>
        ))}
      </fieldset>
      <ConsentFields
        value={draft.values}
        onChange={(patch) => draft.setValues((v) => ({ ...v, ...patch }))}
        options={draft.options}
        withBasis
        withNotice
        separateFor={draft.purposes as ConsentPurpose[]}
        separateHint
        testIds={{ basis: 'new-consent-basis', separate: 'new-consent-separate', source: 'new-consent-source', date: 'new-consent-date', notice: 'new-consent-notice' }}
      />
    </>
  );
}
