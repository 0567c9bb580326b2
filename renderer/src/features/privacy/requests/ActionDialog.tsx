import { useState } from 'react';
import type { RequestAction, RequestDetail } from '../../../../../shared/channels/privacy-requests';
import { IDENTITY_METHODS } from '../../../../../shared/privacy-requests';
import { localDay } from '../../../../../shared/working-days';
import { fieldText, useT, type MessageKey } from '../../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../../query';
import { Button, Dialog, Field, Input, Select, TextArea } from '../../../ui';
import { unitLabel } from './labels';
import styles from './requests.module.css';

export type ActionKind = RequestAction['action'];

/** One step on a request, with exactly the fields that step needs; main checks them again. */
export function ActionDialog({ request, kind, customerId, onClose }: { request: RequestDetail; kind: ActionKind; customerId?: number; onClose(): void }) {
  const t = useT();
  const act = useChannelMutation('privacyRequests.act', ['privacyRequests.']);
  const [text, setText] = useState('');
  const [method, setMethod] = useState<(typeof IDENTITY_METHODS)[number]>('id-card-seen');
  const [day, setDay] = useState(() => localDay(new Date()));
  const [amount, setAmount] = useState(String(request.extendAmount || 1));
  const [query, setQuery] = useState('');
  const settings = useChannelQuery('privacyRequests.settings', {}, { enabled: kind === 'assign' });
  const [handler, setHandler] = useState('');
  const found = useChannelQuery('customers.search', { query: query.trim(), limit: 8 }, { enabled: kind === 'link' && query.trim().length > 0 });
  const error = errorBody(act.error);
  const problem = (field: string) => (error?.fields?.[field] ? (field === 'analysis' ? t('req.error.analysis.required') : fieldText(t, error.fields[field])) : undefined);
  const id = request.id;

  const input = (): RequestAction | null => {
    switch (kind) {
      case 'verify':
        return { action: 'verify', id, method, ...(text.trim() ? { note: text } : {}) };
      case 'start':
        return { action: 'start', id, ...(text.trim() ? { note: text } : {}) };
      case 'answer':
        return { action: 'answer', id, outcome: text };
      case 'refuse':
        return { action: 'refuse', id, reason: text };
      case 'close':
        return { action: 'close', id, ...(text.trim() ? { analysis: text } : {}) };
      case 'acknowledge':
        return { action: 'acknowledge', id, on: day };
      case 'extend':
        return { action: 'extend', id, amount: Number(amount), reason: text, noticeOn: day };
      case 'note':
        return { action: 'note', id, note: text };
      case 'assign':
        return { action: 'assign', id, handler: handler === '' ? null : handler };
      case 'unlink':
        return customerId === undefined ? null : { action: 'unlink', id, customerId, reason: text };
      default:
        return null;
    }
  };
  const send = (value: RequestAction | null) => value && act.mutate(value, { onSuccess: onClose });
  const textLabel: Partial<Record<ActionKind, MessageKey>> = { verify: 'req.identityNote', start: 'req.note', answer: 'req.outcome', refuse: 'req.refusalReason', close: 'req.analysis', extend: 'req.extendReason', note: 'req.note', unlink: 'req.unlinkReason' };
  const textField = { verify: 'note', start: 'note', answer: 'outcome', refuse: 'reason', close: 'analysis', extend: 'reason', note: 'note', unlink: 'reason' }[kind as string] ?? 'note';
  const needsText = kind === 'answer' || kind === 'refuse' || kind === 'extend' || kind === 'note' || kind === 'unlink' || (kind === 'close' && request.type === 'complaint' && !request.analysis);

  return (
    <Dialog
      title={t(`req.act.${kind}` as MessageKey)}
      confirmLabel={t('req.act.save')}
      busy={act.isPending}
      confirmDisabled={kind === 'link' || (needsText && !text.trim())}
      error={error?.fields ? null : error}
      onConfirm={() => send(input())}
      onCancel={onClose}
      testId="request-action-dialog"
    >
      {kind === 'verify' && (
        <Field label={t('req.method')}>
          {(control) => (
            <Select {...control} value={method} onChange={(e) => setMethod(e.target.value as typeof method)} data-testid="request-method">
              {IDENTITY_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`req.method.${m}` as MessageKey)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {kind === 'unlink' && <p>{t('req.unlinkWho', { name: request.customers.find((c) => c.id === customerId)?.name ?? t('req.customerNumber', { id: customerId ?? '' }) })}</p>}
      {kind === 'assign' && (
        <Field label={t('req.handler')} error={problem('handler')}>
          {(control) => (
            <Select {...control} value={handler} onChange={(e) => setHandler(e.target.value)} data-testid="request-handler-select">
              <option value="">{t('req.unassigned')}</option>
              {(settings.data?.handlers ?? []).map((h) => (
                <option key={h.username} value={h.username}>
                  {h.displayName}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {kind === 'extend' && (
        <Field label={t('req.extendAmount', { unit: unitLabel(t, request.extendUnit) })} error={problem('amount')}>
          {(control) => <Input {...control} type="number" min={1} max={request.extendAmount} value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="request-extend-amount" />}
        </Field>
      )}
      {(kind === 'extend' || kind === 'acknowledge') && (
        <Field label={t(kind === 'extend' ? 'req.noticeOn' : 'req.ackOn')} error={problem(kind === 'extend' ? 'noticeOn' : 'on')}>
          {(control) => <Input {...control} type="date" value={day} min={request.receivedOn} max={localDay(new Date())} onChange={(e) => setDay(e.target.value)} data-testid="request-action-day" />}
        </Field>
      )}
      {textLabel[kind] && (
        <Field label={t(textLabel[kind])} error={problem(textField)}>
          {(control) => <TextArea {...control} rows={kind === 'verify' || kind === 'start' ? 2 : 4} maxLength={kind === 'verify' || kind === 'start' || kind === 'extend' || kind === 'unlink' ? 500 : 2000} value={text} onChange={(e) => setText(e.target.value)} data-testid="request-action-text" />}
        </Field>
      )}
      {kind === 'link' && (
        <>
          <Field label={t('req.customerSearch')} error={problem('customerId')}>
            {(control) => <Input {...control} type="search" maxLength={100} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="request-customer-search" />}
          </Field>
          <ul className={styles.history}>
            {(found.data ?? []).map((c) => (
              <li key={c.id}>
                {c.name}{' '}
                <Button variant="secondary" size="sm" onClick={() => send({ action: 'link', id, customerId: c.id })} data-testid="request-customer-add">
                  {t('req.add')}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
