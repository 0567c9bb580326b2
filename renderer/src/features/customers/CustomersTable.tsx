import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type RowSelectionState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CustomerSort, CustomerView } from '../../../../shared/customers';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useCustomersStore } from '../../stores/customers-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useRememberedScroll } from '../shell/use-remembered-scroll';

const ROW_HEIGHT = 37;
const COLUMNS_KEY = 'coffer.customerColumns';
const column = createColumnHelper<CustomerView>();
/** Columns main can sort by; the others are shown as sent. */
const SORTABLE: Record<string, CustomerSort> = { name: 'name', level: 'level', updatedAt: 'updatedAt', createdAt: 'createdAt', lastInteractionAt: 'lastInteractionAt' };

function savedVisibility(): VisibilityState {
  try {
    // Which columns are shown is a display preference, not customer data.
    return JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? '{}') as VisibilityState;
  } catch {
    return {};
  }
}

/**
 * The customers table: @tanstack/react-table for columns, selection and visibility, rows
 * virtualized so 100,000 customers scroll smoothly; main sorts and pages (keyset), the table asks
 * for the next page as the last loaded rows come into view.
 */
export function CustomersTable({ onSelectionChange }: { onSelectionChange: (ids: number[]) => void }) {
  const t = useT();
  const fmt = useFormat();
  const { items, next, total, loading, sort, dir, query, loadMore, setSort } = useCustomersStore();
  const open = useCustomerDetailStore((state) => state.open);
  const [visibility, setVisibility] = useState<VisibilityState>(savedVisibility);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [chooser, setChooser] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);

  const columns = useMemo(
    () => [
      column.display({
        id: 'select',
        enableHiding: false,
        header: ({ table }) => <input type="checkbox" aria-label={t('customers.selectAll')} checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />,
        cell: ({ row }) => <input type="checkbox" aria-label={t('customers.selectRow', { name: row.original.name })} checked={row.getIsSelected()} onClick={(e) => e.stopPropagation()} onChange={row.getToggleSelectedHandler()} />,
      }),
      column.accessor('name', { header: t('customers.col.name'), enableHiding: false }),
      column.accessor('mobile', { header: t('customers.col.mobile'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('email', { header: t('customers.col.email'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('company', { header: t('field.company'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('city', { header: t('customers.col.city'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('region', { header: t('field.region'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('level', { header: t('customers.col.level'), cell: (c) => t(`level.${c.getValue()}`) }),
      column.accessor('tags', { header: t('field.tags'), cell: (c) => c.getValue().join(', ') }),
      column.accessor('ownerUsername', { header: t('customers.col.owner') }),
      column.accessor('lastInteractionAt', { header: t('customers.col.lastContact'), cell: (c) => fmt.date(c.getValue()) }),
      column.accessor('createdAt', { header: t('customers.col.created'), cell: (c) => fmt.date(c.getValue()) }),
    ],
    [t, fmt],
  );

  const table = useReactTable({
    data: items,
    columns,
    getRowId: (row) => String(row.id),
    state: { columnVisibility: visibility, rowSelection: selection },
    onColumnVisibilityChange: setVisibility,
    onRowSelectionChange: setSelection,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
  });
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  // Back to the list lands on the rows the user left (offsets kept per history entry); after the virtualizer, which starts its box at the top.
  useRememberedScroll(scroller, 'customers-table');
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (next && !loading && lastVisible >= rows.length - 20) void loadMore();
  }, [lastVisible, rows.length, next, loading, loadMore]);
  useEffect(() => {
    try {
      localStorage.setItem(COLUMNS_KEY, JSON.stringify(visibility));
    } catch {
      /* storage unavailable: the choice lasts for this window only */
    }
  }, [visibility]);
  // A new query, sort or an emptied list starts a new selection: hidden rows are never acted on.
  const selectionScope = `${query}|${sort}|${dir}|${items.length === 0}`;
  useEffect(() => setSelection({}), [selectionScope]);
  useEffect(() => onSelectionChange(Object.keys(selection).map(Number)), [selection, onSelectionChange]);

  const padTop = virtualRows[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (virtualRows[virtualRows.length - 1]?.end ?? 0);
  const headerSort = (id: string) => {
    const key = SORTABLE[id];
    if (!key || query.trim()) return undefined;
    return () => void setSort(key, sort === key && dir === 'asc' ? 'desc' : 'asc');
  };

  return (
    <div className="table-wrap">
      <div className="table-tools">
        <span className="hint" data-testid="customers-count">
          {total !== null ? t('customers.count', { shown: items.length, total }) : t('customers.countSearch', { shown: items.length })}
        </span>
        <button type="button" className="secondary" aria-expanded={chooser} onClick={() => setChooser(!chooser)}>
          {t('customers.columns')}
        </button>
      </div>
      {chooser && (
        <fieldset className="column-chooser" data-testid="column-chooser">
          <legend>{t('customers.columns')}</legend>
          {table
            .getAllLeafColumns()
            .filter((c) => c.getCanHide())
            .map((c) => (
              <label key={c.id} className="checkbox-inline">
                <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} /> {String(c.columnDef.header)}
              </label>
            ))}
        </fieldset>
      )}
      <div className="table-scroll" ref={scroller}>
        <table className="grid" data-testid="customers-table" aria-rowcount={total ?? items.length}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const onSort = headerSort(header.column.id);
                  const active = SORTABLE[header.column.id] === sort && !query.trim();
                  return (
                    <th key={header.id} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                      {onSort ? (
                        <button type="button" className="link sort" onClick={onSort}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
            {virtualRows.map((virtual) => {
              const row = rows[virtual.index]!;
              return (
                <tr key={row.id} tabIndex={0} data-testid="customer-row" aria-selected={row.getIsSelected()} onClick={() => void open(row.original.id)} onKeyDown={(e) => e.key === 'Enter' && void open(row.original.id)}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
