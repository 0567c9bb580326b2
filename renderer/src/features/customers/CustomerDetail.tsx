import { useState, type FormEvent } from 'react';
import { SENSITIVE_CUSTOMER_FIELDS, type CustomerView, type SensitiveCustomerField } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useT } from '../../i18n';
import { useCustomersStore } from '../../stores/customers-store';

export function CustomerDetail({ customer }: { customer: CustomerView }) {
  const t = useT();
  const { revealed, close } = useCustomersStore();
  const [asking, setAsking] = useState<SensitiveCustomerField | null>(null);

  return (
    <aside className="card detail" data-testid="customer-detail" aria-labelledby="customer-name">
      <h3 id="customer-name">{customer.name}</h3>
      <dl>
        {SENSITIVE_CUSTOMER_FIELDS.filter((field) => customer[field] !== undefined).map((field) => (
          <div key={field} className="detail-row" data-testid={`field-${field}`}>
            <dt>{t(`field.${field}`)}</dt>
            <dd>
              <span className="value">{revealed[field] ?? customer[field]}</span>
              {revealed[field] === undefined && customer.revealable.includes(field) && (
                <button type="button" className="link" onClick={() => setAsking(field)}>
                  {t('reveal.button')}
                </button>
              )}
            </dd>
          </div>
        ))}
        {(['company', 'province', 'city', 'notes'] as const)
          .filter((field) => customer[field] !== undefined)
          .map((field) => (
            <div key={field} className="detail-row">
              <dt>{t(`field.${field}`)}</dt>
              <dd>{customer[field]}</dd>
            </div>
          ))}
        {customer.tags.length > 0 && (
          <div className="detail-row">
            <dt>{t('field.tags')}</dt>
            <dd>{customer.tags.join(', ')}</dd>
          </div>
        )}
      </dl>
      {asking && <RevealDialog field={asking} onDone={() => setAsking(null)} />}
      <Timeline />
      <div className="actions">
        <button type="button" className="secondary" onClick={close}>
          {t('customers.close')}
        </button>
      </div>
    </aside>
  );
}

function RevealDialog({ field, onDone }: { field: SensitiveCustomerField; onDone: () => void }) {
  const t = useT();
  const reveal = useCustomersStore((state) => state.reveal);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await reveal(field, reason.trim());
    if (problem) setError(problem);
    else onDone();
  };
  return (
    <form className="reveal" role="dialog" aria-labelledby="reveal-title" data-testid="reveal-dialog" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <h4 id="reveal-title">{t('reveal.title', { field: t(`field.${field}`) })}</h4>
      <Field label={t('reveal.why')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} minLength={3} autoFocus />
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" disabled={reason.trim().length < 3}>
          {t('reveal.submit')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('reveal.cancel')}
        </button>
      </div>
    </form>
  );
}

const KINDS = ['call', 'email', 'wechat', 'visit', 'service', 'feedback', 'note'] as const;

function Timeline() {
  const t = useT();
  const { timeline, addInteraction } = useCustomersStore();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('call');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await addInteraction({ kind, at: new Date().toISOString(), summary: summary.trim() });
    setError(problem);
    if (!problem) setSummary('');
  };
  return (
    <div className="timeline" data-testid="timeline">
      <h4>{t('timeline.title')}</h4>
      <form className="filters" onSubmit={(e) => void submit(e)}>
        <select aria-label={t('timeline.kind')} value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`timeline.kind.${k}`)}
            </option>
          ))}
        </select>
        <input aria-label={t('timeline.summary')} placeholder={t('timeline.summary')} value={summary} maxLength={2000} onChange={(e) => setSummary(e.target.value)} />
        <button type="submit" className="secondary" disabled={!summary.trim()}>
          {t('timeline.add')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {timeline.length === 0 ? (
        <p className="empty">{t('timeline.empty')}</p>
      ) : (
        <ul>
          {timeline.map((entry) => (
            <li key={`${entry.type}-${entry.id}`} data-testid="timeline-entry">
              <span className="hint">{new Date(entry.at).toLocaleString()}</span> · {entry.type === 'purchase' ? t('timeline.purchase') : t(`timeline.kind.${entry.kind as (typeof KINDS)[number]}`)} · {entry.text}
              {entry.amountMinor !== null && ` · ${(entry.amountMinor / 100).toFixed(2)} ${entry.currency ?? ''}`} · {entry.byUsername}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
