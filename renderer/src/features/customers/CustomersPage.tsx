import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useCustomersStore } from '../../stores/customers-store';
import { CustomerDetail } from './CustomerDetail';

/** The list (masked by main per role). Issue 5 turns this into the full server-paged table. */
export function CustomersPage() {
  const t = useT();
  const { items, next, loading, error, selected, load, loadMore, open, search } = useCustomersStore();
  const [query, setQuery] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(query);
  };
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="customers-title" data-testid="customers-page">
      <h2 id="customers-title">{t('customers.title')}</h2>
      <form role="search" className="filters" onSubmit={submit}>
        <input type="search" aria-label={t('customers.search')} placeholder={t('customers.searchHint')} value={query} maxLength={100} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="secondary">
          {t('customers.search')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {!loading && items.length === 0 && !error && <p className="empty">{t('customers.empty')}</p>}
      {items.length > 0 && (
        <table className="grid" data-testid="customers-table">
          <thead>
            <tr>
              <th>{t('customers.col.name')}</th>
              <th>{t('customers.col.mobile')}</th>
              <th>{t('customers.col.email')}</th>
              <th>{t('customers.col.city')}</th>
              <th>{t('customers.col.level')}</th>
              <th>{t('customers.col.owner')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((customer) => (
              <tr key={customer.id} tabIndex={0} onClick={() => void open(customer.id)} onKeyDown={(e) => e.key === 'Enter' && void open(customer.id)} data-testid="customer-row">
                <td>{customer.name}</td>
                <td>{customer.mobile ?? ''}</td>
                <td>{customer.email ?? ''}</td>
                <td>{customer.city ?? ''}</td>
                <td>{t(`level.${customer.level}`)}</td>
                <td>{customer.ownerUsername}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" className="secondary" disabled={loading} onClick={() => void loadMore()}>
          {t('customers.loadMore')}
        </button>
      )}
      {selected && <CustomerDetail customer={selected} />}
    </section>
  );
}
