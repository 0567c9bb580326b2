import type { ReactNode } from 'react';
import { CONSENT_PURPOSES, CUSTOM_LABEL_MAX, EVIDENCE_SOURCES, SEPARATE_CONSENT_PURPOSES, type ConsentPurpose, type EvidenceSource, type PrivacyNotice } from '../../../../shared/consent';
import type { PrivacyRegime } from '../../../../shared/privacy';
import { useT, type MessageKey } from '../../i18n';
import { Field, Input, Select } from '../../ui';
import layout from '../../ui/layout.module.css';
import { basisText } from './consent-words';

/** The values one consent event is made of, as the screen holds them. notice: 'current', '' (none) or a version. */
export interface ConsentFieldValues {
  purpose: ConsentPurpose;
  label: string;
  basis: string;
  separate: boolean;
  source: EvidenceSource;
  date: string;
  notice: string;
}

export interface ConsentOptions {
  regime: PrivacyRegime;
  bases: string[];
  notices: PrivacyNotice[];
}

/** The notice version the values name: 'current' is the newest (none while there is none). */
export function noticeVersionOf(notice: string, notices: readonly PrivacyNotice[]): number | undefined {
  if (notice === 'current') return notices[0]?.version;
  return notice === '' ? undefined : Number(notice);
}

/** Whether PIPL's separate consent is asked: main enforces it, the screen asks only where it applies. */
export function separateAsked(options: ConsentOptions | undefined, basis: string, purposes: readonly ConsentPurpose[]): boolean {
  return options?.regime === 'pipl' && basis === 'consent' && purposes.some((p) => SEPARATE_CONSENT_PURPOSES.includes(p));
}

type TestIds = Partial<Record<'purpose' | 'label' | 'basis' | 'separate' | 'separateProblem' | 'source' | 'date' | 'notice', string>>;

/**
 * The fields of a consent event, shared by the record's dialog, the importer's batch consent and
 * the owner's new consent for an erased person: purpose (and custom label), lawful basis from the
 * regime's list, PIPL's separate consent where it applies, evidence source and date, notice.
 * Which parts show is the caller's: a withdrawal has no basis and no notice.
 */
export function ConsentFields(props: {
  value: ConsentFieldValues;
  onChange(patch: Partial<ConsentFieldValues>): void;
  options: ConsentOptions | undefined;
  /** Omitted: the caller asks the purpose(s) itself (a new consent names several). */
  purposes?: readonly ConsentPurpose[] | undefined;
  purposeFixed?: boolean;
  /** A grant or renewal: basis and separate consent. */
  withBasis: boolean;
  withNotice?: boolean;
  /** The purposes separate consent is asked for (default: the chosen one). */
  separateFor?: readonly ConsentPurpose[];
  separateHint?: boolean;
  /** Between the purpose and the basis: the record's dialog puts the kind of event there. */
  afterPurpose?: ReactNode;
  problem?: (field: 'customLabel' | 'basis' | 'separate' | 'noticeVersion') => string | undefined;
  testIds?: TestIds;
}) {
  const t = useT();
  const { value, onChange, options, testIds = {}, problem = () => undefined } = props;
  const notices = options?.notices ?? [];
  const asked = props.withBasis && separateAsked(options, value.basis, props.separateFor ?? [value.purpose]);
  return (
    <>
      {props.purposes && (
        <Field label={t('consent.field.purpose')}>
          {(c) => (
            <Select {...c} value={value.purpose} disabled={props.purposeFixed} onChange={(e) => onChange({ purpose: e.target.value as ConsentPurpose })} data-testid={testIds.purpose}>
              {props.purposes!.map((p) => (
                <option key={p} value={p}>
                  {t(`consent.purpose.${p}` as MessageKey)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {props.purposes && value.purpose === 'custom' && (
        <Field label={t('consent.field.customLabel')} error={problem('customLabel')}>
          {(c) => <Input {...c} value={value.label} disabled={props.purposeFixed} maxLength={CUSTOM_LABEL_MAX} onChange={(e) => onChange({ label: e.target.value })} data-testid={testIds.label} />}
        </Field>
      )}
      {props.afterPurpose}
      {props.withBasis && (
        <Field label={t('consent.field.basis')} error={problem('basis')}>
          {(c) => (
            <Select {...c} value={value.basis} onChange={(e) => onChange({ basis: e.target.value })} data-testid={testIds.basis}>
              {(options?.bases ?? []).map((b) => (
                <option key={b} value={b}>
                  {basisText(t, b)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {asked && (
        <div>
          <label className={layout.checkbox}>
            <input type="checkbox" checked={value.separate} onChange={(e) => onChange({ separate: e.target.checked })} data-testid={testIds.separate} />
            <span>{t('consent.field.separate')}</span>
          </label>
          {props.separateHint && <p className={layout.hint}>{t('consent.field.separateHint')}</p>}
          {problem('separate') && (
            <p role="alert" className={layout.hint} data-testid={testIds.separateProblem}>
              {problem('separate')}
            </p>
          )}
        </div>
      )}
      <Field label={t('consent.field.source')}>
        {(c) => (
          <Select {...c} value={value.source} onChange={(e) => onChange({ source: e.target.value as EvidenceSource })} data-testid={testIds.source}>
            {EVIDENCE_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`consent.source.${s}` as MessageKey)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('consent.field.date')}>{(c) => <Input {...c} type="date" value={value.date} onChange={(e) => onChange({ date: e.target.value })} data-testid={testIds.date} />}</Field>
      {props.withNotice && (
        <Field label={t('consent.field.notice')} error={problem('noticeVersion')}>
          {(c) => (
            <Select {...c} value={value.notice} onChange={(e) => onChange({ notice: e.target.value })} data-testid={testIds.notice}>
              {notices.length > 0 && <option value="current">{t('consent.noticeVersion', { version: notices[0]!.version })}</option>}
              {notices.slice(1).map((n) => (
                <option key={n.version} value={String(n.version)}>
                  {t('consent.noticeVersion', { version: n.version })}
                </option>
              ))}
              <option value="">{t('consent.field.noNotice')}</option>
            </Select>
          )}
        </Field>
      )}
    </>
  );
}

/** Every purpose, for the record's dialog; the importer keeps to the fixed ones (a custom label is per record). */
export const ALL_PURPOSES = CONSENT_PURPOSES;
export const FIXED_PURPOSES = CONSENT_PURPOSES.filter((p) => p !== 'custom');
