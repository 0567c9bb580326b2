import { useState } from 'react';
import { CONSENT_EVENTS, CONSENT_PURPOSES, CUSTOM_LABEL_MAX, EVIDENCE_SOURCES, SEPARATE_CONSENT_PURPOSES, type ConsentEventKind, type ConsentPurpose, type EvidenceSource } from '../../../../shared/consent';
import type { ChannelInput } from '../../../../shared/contract';
import { useT, type MessageKey } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Dialog, Field, Input, Select } from '../../ui';
import layout from '../../ui/layout.module.css';
import { basisText, localToday, purposeText } from './consent-words';

export interface ConsentDialogStart {
  purpose: ConsentPurpose;
  customLabel: string | null;
  event: ConsentEventKind;
}

/**
 * One consent event for one customer: a grant, a renewal or a withdrawal. Bases come from main
 * (the regime's list); PIPL's separate consent is asked where it applies and main enforces it.
 */
export function ConsentDialog({ customerId, start, requestId, onClose }: { customerId: number; start: ConsentDialogStart; requestId?: number; onClose(): void }) {
  const t = useT();
  const options = useChannelQuery('consent.notices', {});
  const record = useChannelMutation('consent.record', ['consent.', 'privacyRequests.']);
  const fixed = start.event === 'withdrawn' || start.event === 'renewed';
  // A withdrawal request names what is withdrawn only when it is handled: the purpose is chosen here.
  const purposeFixed = fixed && requestId === undefined;
  const [purpose, setPurpose] = useState<ConsentPurpose>(start.purpose);
  const [label, setLabel] = useState(start.customLabel ?? '');
  const [event, setEvent] = useState<ConsentEventKind>(start.event);
  const [basis, setBasis] = useState('consent');
  const [separate, setSeparate] = useState(false);
  const [source, setSource] = useState<EvidenceSource>('paper-form');
  const [date, setDate] = useState(localToday);
  const [notice, setNotice] = useState<string>('current');

  const notices = options.data?.notices ?? [];
  const noticeVersion = notice === 'current' ? notices[0]?.version : notice === '' ? undefined : Number(notice);
  const problem = errorBody(record.error);
  const fieldProblem = (name: string) => (problem?.fields?.[name] ? t(`consent.problem.${name}` as MessageKey) : undefined);
  const separateAsked = options.data?.regime === 'pipl' && event !== 'withdrawn' && basis === 'consent' && SEPARATE_CONSENT_PURPOSES.includes(purpose);

  const save = () => {
    const input: ChannelInput<'consent.record'> = {
      customerId,
      purpose,
      ...(purpose === 'custom' ? { customLabel: label.trim() } : {}),
      event,
      ...(event === 'withdrawn' ? {} : { basis: basis as never }),
      separate: event !== 'withdrawn' && separate,
      evidenceSource: source,
      evidenceDate: date,
      ...(noticeVersion !== undefined && event !== 'withdrawn' ? { noticeVersion } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
    };
    record.mutate(input, { onSuccess: onClose });
  };

  return (
    <Dialog
      title={requestId !== undefined ? t('req.step.withdrawTitle', { id: requestId }) : start.event === 'withdrawn' ? t('consent.dialog.withdrawTitle', { purpose: purposeText(t, start.purpose, start.customLabel) }) : t('consent.dialog.title')}
      message={t('consent.dialog.message')}
      confirmLabel={t('consent.save')}
      danger={event === 'withdrawn'}
      busy={record.isPending}
      confirmDisabled={!options.data || (purpose === 'custom' && label.trim() === '') || !/^\d{4}-\d{2}-\d{2}$/.test(date)}
      error={problem && !problem.fields ? problem : null}
      onConfirm={save}
      onCancel={onClose}
      testId="consent-dialog"
    >
      <Field label={t('consent.field.purpose')}>
        {(c) => (
          <Select {...c} value={purpose} disabled={purposeFixed} onChange={(e) => setPurpose(e.target.value as ConsentPurpose)} data-testid="consent-purpose">
            {CONSENT_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`consent.purpose.${p}` as MessageKey)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {purpose === 'custom' && (
        <Field label={t('consent.field.customLabel')} error={fieldProblem('customLabel')}>
          {(c) => <Input {...c} value={label} disabled={purposeFixed} maxLength={CUSTOM_LABEL_MAX} onChange={(e) => setLabel(e.target.value)} data-testid="consent-label" />}
        </Field>
      )}
      {!fixed && (
        <Field label={t('consent.field.event')}>
          {(c) => (
            <Select {...c} value={event} onChange={(e) => setEvent(e.target.value as ConsentEventKind)} data-testid="consent-event">
              {CONSENT_EVENTS.map((ev) => (
                <option key={ev} value={ev}>
                  {t(`consent.event.${ev}` as MessageKey)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {event !== 'withdrawn' && (
        <Field label={t('consent.field.basis')} error={fieldProblem('basis')}>
          {(c) => (
            <Select {...c} value={basis} onChange={(e) => setBasis(e.target.value)} data-testid="consent-basis">
              {(options.data?.bases ?? []).map((b) => (
                <option key={b} value={b}>
                  {basisText(t, b)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {separateAsked && (
        <div>
          <label className={layout.checkbox}>
            <input type="checkbox" checked={separate} onChange={(e) => setSeparate(e.target.checked)} data-testid="consent-separate" />
            <span>{t('consent.field.separate')}</span>
          </label>
          <p className={layout.hint}>{t('consent.field.separateHint')}</p>
          {fieldProblem('separate') && (
            <p role="alert" className={layout.hint} data-testid="consent-separate-problem">
              {fieldProblem('separate')}
            </p>
          )}
        </div>
      )}
      <Field label={t('consent.field.source')}>
        {(c) => (
          <Select {...c} value={source} onChange={(e) => setSource(e.target.value as EvidenceSource)} data-testid="consent-source">
            {EVIDENCE_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`consent.source.${s}` as MessageKey)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('consent.field.date')}>{(c) => <Input {...c} type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="consent-date" />}</Field>
      {event !== 'withdrawn' && (
        <Field label={t('consent.field.notice')} error={fieldProblem('noticeVersion')}>
          {(c) => (
            <Select {...c} value={notice} onChange={(e) => setNotice(e.target.value)} data-testid="consent-notice">
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
    </Dialog>
  );
}
