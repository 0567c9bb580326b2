import { useState } from 'react';
import { CONSENT_EVENTS, type ConsentEventKind, type ConsentPurpose } from '../../../../shared/consent';
import type { ChannelInput } from '../../../../shared/contract';
import { useT, type MessageKey } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Dialog, Field, Select } from '../../ui';
import { ALL_PURPOSES, ConsentFields, noticeVersionOf, type ConsentFieldValues } from './ConsentFields';
import { localToday, purposeText } from './consent-words';

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
  const [event, setEvent] = useState<ConsentEventKind>(start.event);
  const [values, setValues] = useState<ConsentFieldValues>({
    purpose: start.purpose,
    label: start.customLabel ?? '',
    basis: 'consent',
    separate: false,
    source: 'paper-form',
    date: localToday(),
    notice: 'current',
  });

  const withdrawal = event === 'withdrawn';
  const noticeVersion = noticeVersionOf(values.notice, options.data?.notices ?? []);
  const problem = errorBody(record.error);
  const fieldProblem = (name: string) => (problem?.fields?.[name] ? t(`consent.problem.${name}` as MessageKey) : undefined);

  const save = () => {
    const { purpose } = values;
    const input: ChannelInput<'consent.record'> = {
      customerId,
      purpose,
      ...(purpose === 'custom' ? { customLabel: values.label.trim() } : {}),
      event,
      ...(withdrawal ? {} : { basis: values.basis as never }),
      separate: !withdrawal && values.separate,
      evidenceSource: values.source,
      evidenceDate: values.date,
      ...(noticeVersion !== undefined && !withdrawal ? { noticeVersion } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
    };
    record.mutate(input, { onSuccess: onClose });
  };

  return (
    <Dialog
      title={requestId !== undefined ? t('req.step.withdrawTitle', { id: requestId }) : start.event === 'withdrawn' ? t('consent.dialog.withdrawTitle', { purpose: purposeText(t, start.purpose, start.customLabel) }) : t('consent.dialog.title')}
      message={t('consent.dialog.message')}
      confirmLabel={t('consent.save')}
      danger={withdrawal}
      busy={record.isPending}
      confirmDisabled={!options.data || (values.purpose === 'custom' && values.label.trim() === '') || !/^\d{4}-\d{2}-\d{2}$/.test(values.date)}
      error={problem && !problem.fields ? problem : null}
      onConfirm={save}
      onCancel={onClose}
      testId="consent-dialog"
    >
      <ConsentFields
        value={values}
        onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
        options={options.data}
        purposes={ALL_PURPOSES}
        purposeFixed={purposeFixed}
        withBasis={!withdrawal}
        withNotice={!withdrawal}
        separateHint
        problem={fieldProblem}
        testIds={{ purpose: 'consent-purpose', label: 'consent-label', basis: 'consent-basis', separate: 'consent-separate', separateProblem: 'consent-separate-problem', source: 'consent-source', date: 'consent-date', notice: 'consent-notice' }}
        afterPurpose={
          !fixed && (
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
          )
        }
      />
    </Dialog>
  );
}
