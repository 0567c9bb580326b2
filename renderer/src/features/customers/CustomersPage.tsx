import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { MERGE_MAX } from '../../../../shared/channels/merge';
import { CUSTOMER_LEVELS, DEFAULT_DORMANT_DAYS, type CustomerFilters } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { canQueryField } from '../../../../shared/field-policy';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useCustomersStore } from '../../stores/customers-store';
import { useImportStore } from '../../stores/import-store';
import { ImportHistory } from '../import/ImportHistory';
import { ImportInvite } from '../import/ImportInvite';
import { ImportWizard } from '../import/ImportWizard';
import { useMergeStore } from '../../stores/merge-store';
import { AssignOwner } from './AssignOwner';
import { CustomerForm } from './CustomerForm';
import { CustomersTable } from './CustomersTable';
import { ExportCustomers } from './ExportCustomers';
import { MergeCustomers } from './MergeCustomers';
import { MergeNotice } from './RecentMerges';
import { RecycleBin } from './RecycleBin';
import { SearchHelp } from './PhoneLookup';

/** Customers: search, filters, the server-paged table, bulk tags, the record and its form. */
export function CustomersPage() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const { items, total, loading, error, query, filters, tags, bin, load, loadTags, setQuery, setFilters, openBin } = useCustomersStore();
  const { editing, startNew } = useCustomerDetailStore();
  const { view: importView, openWizard, openHistory } = useImportStore();
  const mayImport = can(role, 'customers.import');
  const [text, setText] = useState(query);
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const onSelectionChange = useCallback((ids: number[]) => setSelectedIds(ids), []);
  const mergeScreen = useMergeStore((state) => state.screen);
  // Merging changes one record and deletes the others: both rights, as main checks.
  const mayMerge = can(role, 'customers.write') && can(role, 'customers.delete');

  useEffect(() => {
    void load();
    void loadTags();
  }, [load, loadTags]);
  useEffect(() => setText(query), [query]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void setQuery(text);
  };
  const filter = (patch: Partial<CustomerFilters>) => {
    const nextFilters = { ...filters, ...patch };
    for (const key of Object.keys(nextFilters) as (keyof CustomerFilters)[]) if (nextFilters[key] === undefined || nextFilters[key] === '') delete nextFilters[key];
    void setFilters(nextFilters);
  };
  const filtered = Object.keys(filters).length > 0 || query.trim() !== '';

  if (mergeScreen !== 'closed') return <MergeCustomers />;
  if (bin) return <RecycleBin />;
  if (importView === 'wizard' && mayImport) return <ImportWizard />;
  if (importView === 'history' && mayImport) return <ImportHistory />;
  return (
    <section aria-labelledby="customers-title" data-testid="customers-page" className="customers-page">
      <div className="page-head">
        <h2 id="customers-title">{t('customers.title')}</h2>
        <div className="actions">
          {can(role, 'customers.write') && (
            <button type="button" onClick={() => void startNew()} data-testid="new-customer">
              {t('customers.new')}
            </button>
          )}
          {can(role, 'customers.delete') && (
            <button type="button" className="secondary" onClick={() => void openBin()}>
              {t('bin.open')}
            </button>
          )}
          {mayImport && (
            <button type="button" className="secondary" onClick={openWizard} data-testid="import-open">
              {t('import.button')}
            </button>
          )}
          {mayImport && (
            <button type="button" className="secondary" onClick={() => void openHistory()} data-testid="import-history-open">
              {t('import.historyButton')}
            </button>
          )}
          {mayMerge && (
            <button type="button" className="secondary" onClick={() => void useMergeStore.getState().openRecent()}>
              {t('merge.recentButton')}
            </button>
          )}
          {can(role, 'customers.export') && <ExportCustomers filters={filters} />}
        </div>
      </div>
      <form role="search" className="filters" onSubmit={submit}>
        <input type="search" aria-label={t('customers.search')} placeholder={t(canQueryField(role, 'mobile') && canQueryField(role, 'phone') && canQueryField(role, 'email') ? 'customers.searchHint' : 'customers.searchHintBasic')} value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="secondary">
          {t('customers.search')}
        </button>
      </form>
      <SearchHelp />
      <div className="filters" role="group" aria-label={t('customers.filters')}>
        <select aria-label={t('customers.col.level')} value={filters.level ?? ''} onChange={(e) => filter({ level: (e.target.value || undefined) as CustomerFilters['level'] })}>
          <option value="">{t('customers.anyLevel')}</option>
          {CUSTOMER_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`level.${level}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('field.tags')} value={filters.tag ?? ''} onChange={(e) => filter({ tag: e.target.value || undefined })}>
          <option value="">{t('customers.anyTag')}</option>
          {tags.map(({ tag, count }) => (
            <option key={tag} value={tag}>
              {tag} ({count})
            </option>
          ))}
        </select>
        <input aria-label={t('field.region')} placeholder={t('field.region')} defaultValue={filters.region ?? ''} maxLength={100} onBlur={(e) => filter({ region: e.target.value.trim() || undefined })} onKeyDown={(e) => e.key === 'Enter' && filter({ region: e.currentTarget.value.trim() || undefined })} />
        {role !== 'sales' && (
          <input aria-label={t('customers.col.owner')} placeholder={t('customers.col.owner')} defaultValue={filters.owner ?? ''} maxLength={64} onBlur={(e) => filter({ owner: e.target.value.trim() || undefined })} onKeyDown={(e) => e.key === 'Enter' && filter({ owner: e.currentTarget.value.trim() || undefined })} />
        )}
        <label className="checkbox-inline">
          <input type="checkbox" checked={filters.dormantDays !== undefined} onChange={(e) => filter({ dormantDays: e.target.checked ? DEFAULT_DORMANT_DAYS : undefined })} />
          {t('customers.dormant', { days: DEFAULT_DORMANT_DAYS })}
        </label>
      </div>
      <MergeNotice />
      {selectedIds.length > 0 && can(role, 'customers.write') && <BulkTag ids={selectedIds} />}
      {selectedIds.length > 1 && mayMerge && <MergeButton ids={selectedIds} />}
      {selectedIds.length > 0 && can(role, 'customers.assign') && <AssignOwner selection={{ ids: selectedIds }} count={selectedIds.length} />}
      {/* A leaver's whole book: every customer the filters match, counted by the list the person sees (kept at 0 to show the outcome). */}
      {selectedIds.length === 0 && can(role, 'customers.assign') && !query.trim() && Object.keys(filters).length > 0 && total !== null && (
        <AssignOwner selection={{ filters, expectCount: total }} count={total} label={t('assign.allMatching', { count: total })} />
      )}
      <ErrorNotice error={error} />
      {!loading && items.length === 0 && !error && <p className="empty">{filtered ? t('customers.noMatch') : t('customers.empty')}</p>}
      {!loading && items.length === 0 && !error && !filtered && mayImport && <ImportInvite />}
      {items.length > 0 && <CustomersTable onSelectionChange={onSelectionChange} />}
      {editing === 'new' && <CustomerForm />}
    </section>
  );
}

function BulkTag({ ids }: { ids: number[] }) {
  const t = useT();
  const tagMany = useCustomersStore((state) => state.tagMany);
  const [tag, setTag] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const apply = async (mode: 'add' | 'remove') => {
    const value = tag.trim();
    if (!value) return;
    const problem = await tagMany(ids, mode === 'add' ? [value] : [], mode === 'remove' ? [value] : []);
    setError(problem);
    if (!problem) setTag('');
  };
  return (
    <div className="bulk-bar" role="group" aria-label={t('bulk.title')} data-testid="bulk-tag">
      <span>{t('bulk.selected', { count: ids.length })}</span>
      <input aria-label={t('bulk.tag')} placeholder={t('bulk.tag')} value={tag} maxLength={40} onChange={(e) => setTag(e.target.value)} />
      <button type="button" className="secondary" disabled={!tag.trim()} onClick={() => void apply('add')}>
        {t('bulk.add')}
      </button>
      <button type="button" className="secondary" disabled={!tag.trim()} onClick={() => void apply('remove')}>
        {t('bulk.remove')}
      </button>
      <ErrorNotice error={error} />
    </div>
  );
}

function MergeButton({ ids }: { ids: number[] }) {
  const t = useT();
  const tooMany = ids.length > MERGE_MAX;
  return (
    <div className="bulk-bar" role="group" aria-label={t('merge.title')}>
      <button type="button" className="secondary" disabled={tooMany} onClick={() => void useMergeStore.getState().open(ids)} data-testid="merge-open">
        {t('merge.button')}
      </button>
      {tooMany && <span className="hint">{t('merge.tooMany')}</span>}
    </div>
  );
}
