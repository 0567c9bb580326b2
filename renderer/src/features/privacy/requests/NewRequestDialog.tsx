import { useState } from 'react';
import type { ErrorBody } from '../../../../../shared/errors';
import { REQUEST_CHANNELS, REQUEST_TYPES, type RequestChannel, type RequestType } from '../../../../../shared/privacy-requests';
import { localDay } from '../../../../../shared/working-days';
import { fieldText, useT } from '../../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../../query';
import { Button, Dialog, Field, Input, Select, TextArea } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import { channelLabel, typeLabel } from './labels';
import styles from './requests.module.css';

/** Logs a request the day it arrives; customers can be linked now or later. Closes with the new id (null: cancelled). */
export function NewRequestDialog({ onClose }: { onClose(made: number | null): void }) {
  const t = useT();
  const [type, setType] = useState<RequestType>('access');
  const [receivedOn, setReceivedOn] = useState(() => localDay(new Date()));
  const [channel, setChannel] = useState<RequestChannel>('in-store');
  const [summary, setSummary] = useState('');
  const [handler, setHandler] = useState('');
  const [query, setQuery] = useState('');
  const [linked, setLinked] = useState<{ id: number; name: string }[]>([]);
  const handlers = useChannelQuery('privacyRequests.settings', {}).data?.handlers ?? [];
  const found = useChannelQuery('customers.search', { query: query.trim(), limit: 8 }, { enabled: query.trim().length > 0 });
  const create = useChannelMutation('privacyRequests.create', ['privacyRequests.']);
  const error: ErrorBody | null = errorBody(create.error);
  const problem = (field: string) => (error?.fields?.[field] ? fieldText(t, error.fields[field]) : undefined);

  const submit = () => {
    create.mutate(
      { type, receivedOn, channel, summary, customerIds: linked.map((c) => c.id), handler: handler || null },
      { onSuccess: (made) => onClose(made.id) },
    );
  };

  return (
    <Dialog title={t('req.new')} confirmLabel={t('req.create')} busy={create.isPending} error={error?.fields ? null : error} onConfirm={submit} onCancel={() => onClose(null)} testId="request-dialog">
      <div className={styles.grid}>
        <Field label={t('req.col.type')} error={problem('type')}>
          {(control) => (
            <Select {...control} value={type} onChange={(e) => setType(e.target.value as RequestType)} data-testid="request-type">
              {REQUEST_TYPES.map((k) => (
                <option key={k} value={k}>
                  {typeLabel(t, k)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('req.receivedOn')} error={problem('receivedOn')}>
          {(control) => <Input {...control} type="date" required value={receivedOn} max={localDay(new Date())} onChange={(e) => setReceivedOn(e.target.value)} data-testid="request-received" />}
        </Field>
        <Field label={t('req.channel')} error={problem('channel')}>
          {(control) => (
            <Select {...control} value={channel} onChange={(e) => setChannel(e.target.value as RequestChannel)} data-testid="request-channel">
              {REQUEST_CHANNELS.map((k) => (
                <option key={k} value={k}>
                  {channelLabel(t, k)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('req.handler')} error={problem('handler')}>
          {(control) => (
            <Select {...control} value={handler} onChange={(e) => setHandler(e.target.value)} data-testid="request-handler">
              <option value="">{t('req.unassigned')}</option>
              {handlers.map((h) => (
                <option key={h.username} value={h.username}>
                  {h.displayName}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Field label={t('req.summary')} hint={t('req.summaryHint')} error={problem('summary')}>
        {(control) => <TextArea {...control} rows={3} maxLength={2000} value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="request-summary" />}
      </Field>
      <Field label={t('req.customerSearch')} hint={t('req.customerSearchHint')} error={problem('customerIds')}>
        {(control) => <Input {...control} type="search" maxLength={100} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="request-customer-search" />}
      </Field>
      {query.trim() && (
        <ul className={styles.history} data-testid="request-customer-results">
          {(found.data ?? [])
            .filter((c) => !linked.some((l) => l.id === c.id))
            .map((c) => (
              <li key={c.id}>
                {c.name}{' '}
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    setLinked([...linked, { id: c.id, name: c.name }]);
                    setQuery('');
                  }}
                  data-testid="request-customer-add"
                >
                  {t('req.add')}
                </Button>
              </li>
            ))}
        </ul>
      )}
      {linked.length > 0 && (
        <div className={styles.chips}>
          <span className={layout.hint}>{t('req.customers')}:</span>
          {linked.map((c) => (
            <span key={c.id} data-testid="request-customer-linked">
              {c.name}{' '}
              <Button variant="link" onClick={() => setLinked(linked.filter((l) => l.id !== c.id))}>
                {t('req.remove')}
              </Button>
            </span>
          ))}
        </div>
      )}
    </Dialog>
  );
}
