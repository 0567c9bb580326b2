import { useState, type FormEvent } from 'react';
import { can } from '../../../../shared/permissions';
import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { Button, Field, Input } from '../../ui';
import styles from './AuditPage.module.css';

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
      <div className={styles.chosen} data-testid="audit-customer">
        <span>{t('auditPage.customer.chosen', { name: value.name })}</span>
        <Button variant="ghost" size="sm" onClick={() => onChange(null)}>
          {t('auditPage.customer.clear')}
        </Button>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = text.trim();
    if (mayRead) setQuery(typed);
    else if (/^[1-9][0-9]{0,9}$/.test(typed)) onChange({ id: Number(typed), name: t('auditPage.customerNumber', { id: typed }) });
  };
  return (
    <form data-testid="audit-customer" onSubmit={submit}>
      <Field label={mayRead ? t('auditPage.customer.search') : t('auditPage.customer.number')} hint={found.data?.length === 0 ? t('auditPage.customer.none') : undefined}>
        {(control) => <Input {...control} type={mayRead ? 'search' : 'text'} inputMode={mayRead ? undefined : 'numeric'} value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {found.data && found.data.length > 0 && (
        <ul className={styles.picker} aria-label={t('auditPage.customer')}>
          {found.data.map((customer) => (
            <li key={customer.id}>
              <Button variant="ghost" size="sm" onClick={() => onChange({ id: customer.id, name: customer.name })}>
                {t('auditPage.customer.pick', { name: customer.name })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
