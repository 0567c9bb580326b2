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
