import { useState, type FormEvent } from 'react';
import { can } from '../../../../shared/permissions';
import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';

type Picked = { id: number; name: string } | null;

/**
 * The customer filter: a search among the customers the reader may read, or, for a role that
 * reads the log but not the customers (the auditor), the customer's number as the log shows it.
 */
export function CustomerPick({ value, onChange }: { value: Picked; onChange: (next: Picked) => void }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const mayRead = !!role && can(role, 'customers.read');
  const found = useChannelQuery('customers.search', { query, limit: 8 }, { enabled: mayRead && query.length > 0 });

  if (value) {
    return (
      <div className="field" data-testid="audit-customer">
        <span>{t('auditPage.customer.chosen', { name: value.name })}</span>
        <button type="button" className="secondary" onClick={() => onChange(null)}>
          {t('auditPage.customer.clear')}
        </button>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mayRead) setQuery(text.trim());
    else if (/^[1-9][0-9]{0,9}$/.test(text.trim())) onChange({ id: Number(text.trim()), name: t('auditPage.customerNumber', { id: text.trim() }) });
  };
  return (
    <form className="field" data-testid="audit-customer" onSubmit={submit}>
      <label>
        {mayRead ? t('auditPage.customer.search') : t('auditPage.customer.number')}
        <input type={mayRead ? 'search' : 'text'} inputMode={mayRead ? undefined : 'numeric'} value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />
      </label>
      {found.data && found.data.length === 0 && <small className="hint">{t('auditPage.customer.none')}</small>}
      {found.data && found.data.length > 0 && (
        <ul className="picker" aria-label={t('auditPage.customer')}>
          {found.data.map((customer) => (
            <li key={customer.id}>
              <button type="button" className="link" onClick={() => onChange({ id: customer.id, name: customer.name })}>
                {t('auditPage.customer.pick', { name: customer.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
