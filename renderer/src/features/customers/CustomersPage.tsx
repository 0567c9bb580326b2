import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { MERGE_MAX } from '../../../../shared/channels/merge';
import type { CustomerFilters } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { canQueryField } from '../../../../shared/field-policy';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useCustomersStore } from '../../stores/customers-store';
import { useImportStore } from '../../stores/import-store';
import { ImportHistory } from '../import/ImportHistory';
import { ImportInvite } from '../import/ImportInvite';
import { ImportWizard } from '../import/ImportWizard';
import { useMergeStore } from '../../stores/merge-store';
import { AssignOwner } from './AssignOwner';
import { BulkMatching } from './BulkMatching';
import { CustomerForm } from './CustomerForm';
import { CustomersTable } from './CustomersTable';
import { useCustomerRows } from './customer-rows';
import { ExportCustomers } from './ExportCustomers';
import { ListFilters } from './ListFilters';
import { MergeCustomers } from './MergeCustomers';
import { MergeNotice } from './RecentMerges';
import { RecycleBin } from './RecycleBin';
import { SearchHelp } from './PhoneLookup';
import styles from './list.module.css';

/**
 * Customers: search, filters from the values that exist, the table over the whole list (honest
 * count, pages by position), bulk actions on the ticked rows or on all that match, keyboard
 * shortcuts, the record and its form.
 */
export function CustomersPage() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const { query, filters, sort, dir, bin, binError, setQuery, setFilters, openBin } = useCustomersStore();
  const { editing, startNew } = useCustomerDetailStore();
  const { view: importView, openWizard, openHistory } = useImportStore();
  const rows = useCustomerRows({ query, filters, sort, dir });
  const mayImport = can(role, 'customers.import');
  const mayWrite = can(role, 'customers.write');
  const [text, setText] = useState(query);
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const onSelectionChange = useCallback((ids: number[]) => setSelectedIds(ids), []);
  const onNew = useCallback(() => void startNew(), [startNew]);
  const mergeScreen = useMergeStore((state) => state.screen);
  // Merging changes one record and deletes the others: both rights, as main checks.
  const mayMerge = can(role, 'customers.write') && can(role, 'customers.delete');

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
  const total = rows.total;
  const empty = !rows.pending && rows.count === 0 && !rows.error;

  if (mergeScreen !== 'closed') return <MergeCustomers />;
  if (bin) return <RecycleBin />;
  if (importView === 'wizard' && mayImport) return <ImportWizard />;
  if (importView === 'history' && mayImport) return <ImportHistory />;
  return (
    <section aria-labelledby="customers-title" data-testid="customers-page" className="customers-page">
      <div className="page-head">
        <h2 id="customers-title">{t('customers.title')}</h2>
        <div className="actions">
          {mayWrite && (
            <button type="button" onClick={onNew} data-testid="new-customer" title="Ctrl+N">
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
      <form role="search" className={styles.search} onSubmit={submit}>
        <input type="search" aria-label={t('customers.search')} placeholder={t(canQueryField(role, 'mobile') && canQueryField(role, 'phone') && canQueryField(role, 'email') ? 'customers.searchHint' : 'customers.searchHintBasic')} value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="secondary">
          {t('customers.search')}
        </button>
      </form>
      <SearchHelp />
      <ListFilters filters={filters} onChange={filter} />
      <MergeNotice />
      {selectedIds.length > 0 && mayWrite && <BulkTag ids={selectedIds} />}
      {selectedIds.length > 1 && mayMerge && <MergeButton ids={selectedIds} />}
      {selectedIds.length > 0 && can(role, 'customers.assign') && <AssignOwner selection={{ ids: selectedIds }} count={selectedIds.length} />}
      {/* Everything the filters match, not only the loaded rows: counted by main, re-checked by main. */}
      {selectedIds.length === 0 && !rows.searching && Object.keys(filters).length > 0 && total !== null && total > 0 && (mayWrite || can(role, 'customers.delete')) && <BulkMatching filters={filters} total={total} />}
      {/* A leaver's whole book: every customer the filters match, counted by the list the person sees (kept at 0 to show the outcome). */}
      {selectedIds.length === 0 && can(role, 'customers.assign') && !query.trim() && Object.keys(filters).length > 0 && total !== null && (
        <AssignOwner selection={{ filters, expectCount: total }} count={total} label={t('assign.allMatching', { count: total })} />
      )}
      <ErrorNotice error={rows.error ?? binError} />
      {empty && <p className="empty">{filtered ? t('customers.noMatch') : t('customers.empty')}</p>}
      {empty && !filtered && mayImport && <ImportInvite />}
      {rows.count > 0 && <CustomersTable rows={rows} onSelectionChange={onSelectionChange} />}
      {editing === 'new' && <CustomerForm />}
    </section>
  );
}

function BulkTag({ ids }: { ids: number[] }) {
  const t = useT();
  const tagMany = useChannelMutation('customers.tag', ['customers.', 'dashboard.']);
  const [tag, setTag] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const apply = async (mode: 'add' | 'remove') => {
    const value = tag.trim();
    if (!value) return;
    try {
      await tagMany.mutateAsync({ ids, add: mode === 'add' ? [value] : [], remove: mode === 'remove' ? [value] : [] });
      setError(null);
      setTag('');
    } catch (problem) {
      setError(errorBody(problem));
    }
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
