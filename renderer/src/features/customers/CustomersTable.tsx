import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type RowSelectionState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CustomerSort, CustomerView } from '../../../../shared/customers';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useCustomersStore } from '../../stores/customers-store';
import { useNavStore } from '../../stores/nav-store';
import { Button, cx } from '../../ui';
import { useLevels } from '../settings/levels';
import { useRememberedScroll } from '../shell/use-remembered-scroll';
import { CountLine } from './CountLine';
import type { CustomerRows } from './customer-rows';
import styles from './list.module.css';
import { useFieldOn } from '../privacy/use-field-on';

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

/** Where a key moves the active row, or null when the key is not the table's. */
function moveFor(key: string, active: number, count: number): number | null {
  const last = count - 1;
  const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + 10, PageUp: active - 10, Home: 0, End: last };
  return key in moves ? Math.max(0, Math.min(last, moves[key]!)) : null;
}

/**
 * The customers table: @tanstack/react-table for columns, selection and visibility; rows
 * virtualized over the whole list (customer-rows.ts fetches the pages on screen by position).
 * Keyboard: arrows, Page Up/Down, Home/End move the active row, Enter opens it, Space ticks it,
 * Esc clears the selection.
 */
export function CustomersTable({ rows, onSelectionChange }: { rows: CustomerRows; onSelectionChange: (ids: number[]) => void }) {
  const t = useT();
  const fmt = useFormat();
  // Level names as the owner set them in Settings.
  const levelOf = useLevels().name;
  const { sort, dir, query, filters, setSort } = useCustomersStore(useShallow((s) => ({ sort: s.sort, dir: s.dir, query: s.query, filters: s.filters, setSort: s.setSort })));
  const open = useCustomerDetailStore((state) => state.open);
  const [visibility, setVisibility] = useState<VisibilityState>(savedVisibility);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [chooser, setChooser] = useState(false);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  // Columns of fields the owner switched off are not shown at all (main sends no values for them).
  const fieldOn = useFieldOn();
  const off = ['mobile', 'email', 'company', 'city', 'region'].filter((f) => !fieldOn(f)).join(',');
  const columns = useMemo(
    () => [
      column.display({
        id: 'select',
        enableHiding: false,
        header: ({ table }) => <input type="checkbox" aria-label={t('customers.selectAll')} checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />,
        cell: ({ row }) => <input type="checkbox" tabIndex={-1} aria-label={t('customers.selectRow', { name: row.original.name })} checked={row.getIsSelected()} onClick={(e) => e.stopPropagation()} onChange={row.getToggleSelectedHandler()} />,
      }),
      column.accessor('name', { header: t('customers.col.name'), enableHiding: false }),
      column.accessor('mobile', { header: t('customers.col.mobile'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('email', { header: t('customers.col.email'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('company', { header: t('field.company'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('city', { header: t('customers.col.city'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('region', { header: t('field.region'), cell: (c) => c.getValue() ?? '' }),
      column.accessor('level', { header: t('customers.col.level'), cell: (c) => levelOf(c.getValue()) }),
      column.accessor('tags', { header: t('field.tags'), cell: (c) => c.getValue().join(', ') }),
      column.accessor('ownerUsername', { header: t('customers.col.owner') }),
      column.accessor('lastInteractionAt', { header: t('customers.col.lastContact'), cell: (c) => fmt.date(c.getValue()) }),
      column.accessor('createdAt', { header: t('customers.col.created'), cell: (c) => fmt.date(c.getValue()) }),
    ].filter((c) => !('accessorKey' in c) || !off.split(',').includes(String(c.accessorKey))),
    [t, fmt, levelOf, off],
  );

  const table = useReactTable({
    data: rows.loaded,
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
  const byId = table.getRowModel().rowsById;
  // Starts where history left this list (0 for a new visit), so mounting never scrolls it back to the top first.
  const virtualizer = useVirtualizer({ count: rows.count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12, initialOffset: () => useNavStore.getState().scrollFor('customers-table') });
  // Back to the list lands on the rows the user left (offsets kept per history entry); after the virtualizer, which starts its box at the top.
  useRememberedScroll(scroller, 'customers-table');
  const virtualRows = virtualizer.getVirtualItems();
  const firstVisible = virtualRows[0]?.index ?? 0;
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? 0;
  const { showRange } = rows;
  useEffect(() => showRange(firstVisible, lastVisible), [firstVisible, lastVisible, showRange]);

  useEffect(() => {
    try {
      localStorage.setItem(COLUMNS_KEY, JSON.stringify(visibility));
    } catch {
      /* storage unavailable: the choice lasts for this window only */
    }
  }, [visibility]);
  // A new query, filter or sort starts a new selection at the top: hidden rows are never acted on.
  const selectionScope = JSON.stringify([query, filters, sort, dir, rows.count === 0]);
  // The scope this box was last scrolled for: a mount (coming back through history) keeps its remembered offset.
  const scrolledScope = useRef(selectionScope);
  useEffect(() => {
    setSelection({});
    setActive(0);
    if (scrolledScope.current === selectionScope) return;
    scrolledScope.current = selectionScope;
    // Back to the top: the virtualizer object is stable across renders, only the scope matters.
    virtualizer.scrollToOffset(0);
  }, [selectionScope]);
  useEffect(() => onSelectionChange(Object.keys(selection).map(Number)), [selection, onSelectionChange]);

  // The active row takes the focus once it is drawn, if the focus was in the table already.
  useEffect(() => {
    const box = scroller.current;
    if (!box || !box.contains(document.activeElement)) return;
    box.querySelector<HTMLElement>(`tr[data-index="${active}"]`)?.focus({ preventScroll: true });
  }, [active, virtualRows]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.target instanceof HTMLInputElement) return;
    const row = rows.rowAt(active);
    const to = moveFor(event.key, active, rows.count);
    if (to !== null) {
      event.preventDefault();
      setActive(to);
      virtualizer.scrollToIndex(to, { align: 'auto' });
    } else if (event.key === 'Enter' && row) {
      event.preventDefault();
      useNavStore.getState().openCustomer(row.id);
    } else if (event.key === ' ' && row) {
      event.preventDefault();
      byId[String(row.id)]?.toggleSelected();
    } else if (event.key === 'Escape' && Object.keys(selection).length > 0) {
      event.preventDefault();
      setSelection({});
    }
  };

  const padTop = virtualRows[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (virtualRows[virtualRows.length - 1]?.end ?? 0);
  const headerSort = (id: string) => {
    const key = SORTABLE[id];
    if (!key || query.trim()) return undefined;
    return () => void setSort(key, sort === key && dir === 'asc' ? 'desc' : 'asc');
  };
  const visibleColumns = table.getVisibleLeafColumns().length;

  return (
    <div className={styles.table}>
      <div className={styles.tools}>
        <CountLine rows={rows} />
        <Button variant="secondary" size="sm" aria-expanded={chooser} onClick={() => setChooser(!chooser)}>
          {t('customers.columns')}
        </Button>
      </div>
      {chooser && (
        <fieldset className={styles.chooser} data-testid="column-chooser">
          <legend>{t('customers.columns')}</legend>
          {table
            .getAllLeafColumns()
            .filter((c) => c.getCanHide())
            .map((c) => (
              <label key={c.id} className={styles.check}>
                <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} /> {String(c.columnDef.header)}
              </label>
            ))}
        </fieldset>
      )}
      <div className={styles.scroll} ref={scroller} data-testid="customers-scroll">
        <table className={styles.grid} data-testid="customers-table" aria-rowcount={rows.count + 1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const onSort = headerSort(header.column.id);
                  const sorted = SORTABLE[header.column.id] === sort && !query.trim();
                  return (
                    <th key={header.id} aria-sort={sorted ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                      {onSort ? (
                        <Button variant="ghost" size="sm" className={styles.sort} onClick={onSort}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {sorted ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
                        </Button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody onKeyDown={onKeyDown}>
            {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
            {virtualRows.map((virtual) => {
              const customer = rows.rowAt(virtual.index);
              const row = customer ? byId[String(customer.id)] : undefined;
              const common = { 'data-index': virtual.index, 'aria-rowindex': virtual.index + 2, tabIndex: virtual.index === active ? 0 : -1, className: cx(styles.row, virtual.index === active && styles.active), onFocus: () => setActive(virtual.index) };
              if (!customer || !row) {
                return (
                  <tr key={`loading-${virtual.index}`} {...common} data-testid="customer-row-loading" aria-busy>
                    <td colSpan={visibleColumns} className={styles.hint}>
                      {t('list.loadingRow')}
                    </td>
                  </tr>
                );
              }
              return (
                <tr key={row.id} {...common} data-testid="customer-row" aria-selected={row.getIsSelected()} onClick={() => void open(customer.id)}>
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
