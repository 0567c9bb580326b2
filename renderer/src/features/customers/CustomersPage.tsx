import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
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
import { Actions, Button, EmptyState, Input } from '../../ui';
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
  const { query, filters, sort, dir, binOpen, setQuery, setFilters, openBin } = useCustomersStore(
    useShallow((s) => ({ query: s.query, filters: s.filters, sort: s.sort, dir: s.dir, binOpen: s.binOpen, setQuery: s.setQuery, setFilters: s.setFilters, openBin: s.openBin })),
  );
  const { editing, startNew } = useCustomerDetailStore(useShallow((s) => ({ editing: s.editing, startNew: s.startNew })));
  const { view: importView, openWizard, openHistory } = useImportStore(useShallow((s) => ({ view: s.view, openWizard: s.openWizard, openHistory: s.openHistory })));
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
  if (binOpen) return <RecycleBin />;
  if (importView === 'wizard' && mayImport) return <ImportWizard />;
  if (importView === 'history' && mayImport) return <ImportHistory />;
  return (
    <section aria-labelledby="customers-title" data-testid="customers-page">
      <div className={styles.head}>
        <h2 id="customers-title">{t('customers.title')}</h2>
        <Actions flush>
          {mayWrite && (
            <Button onClick={onNew} data-testid="new-customer" title="Ctrl+N">
              {t('customers.new')}
            </Button>
          )}
          {can(role, 'customers.delete') && (
            <Button variant="secondary" onClick={openBin}>
              {t('bin.open')}
            </Button>
          )}
          {mayImport && (
            <Button variant="secondary" onClick={openWizard} data-testid="import-open">
              {t('import.button')}
            </Button>
          )}
          {mayImport && (
            <Button variant="secondary" onClick={() => void openHistory()} data-testid="import-history-open">
              {t('import.historyButton')}
            </Button>
          )}
          {mayMerge && (
            <Button variant="secondary" onClick={() => void useMergeStore.getState().openRecent()}>
              {t('merge.recentButton')}
            </Button>
          )}
          {can(role, 'customers.export') && <ExportCustomers filters={filters} />}
        </Actions>
      </div>
      <form role="search" className={styles.search} onSubmit={submit}>
        <Input type="search" className={styles.searchInput} aria-label={t('customers.search')} placeholder={t(canQueryField(role, 'mobile') && canQueryField(role, 'phone') && canQueryField(role, 'email') ? 'customers.searchHint' : 'customers.searchHintBasic')} value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />
        <Button type="submit" variant="secondary">
          {t('customers.search')}
        </Button>
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
      <ErrorNotice error={rows.error} />
      {empty && <EmptyState title={filtered ? t('customers.noMatch') : t('customers.empty')} testId="customers-empty" />}
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
    <div className={styles.bar} role="group" aria-label={t('bulk.title')} data-testid="bulk-tag">
      <span>{t('bulk.selected', { count: ids.length })}</span>
      <Input aria-label={t('bulk.tag')} placeholder={t('bulk.tag')} value={tag} maxLength={40} onChange={(e) => setTag(e.target.value)} />
      <Button variant="secondary" size="sm" disabled={!tag.trim() || tagMany.isPending} onClick={() => void apply('add')}>
        {t('bulk.add')}
      </Button>
      <Button variant="secondary" size="sm" disabled={!tag.trim() || tagMany.isPending} onClick={() => void apply('remove')}>
        {t('bulk.remove')}
      </Button>
      <ErrorNotice error={error} />
    </div>
  );
}

function MergeButton({ ids }: { ids: number[] }) {
  const t = useT();
  const tooMany = ids.length > MERGE_MAX;
  return (
    <div className={styles.bar} role="group" aria-label={t('merge.title')}>
      <Button variant="secondary" size="sm" disabled={tooMany} onClick={() => void useMergeStore.getState().open(ids)} data-testid="merge-open">
        {t('merge.button')}
      </Button>
      {tooMany && <span className={styles.hint}>{t('merge.tooMany')}</span>}
    </div>
  );
}
