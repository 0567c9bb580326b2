import type { KeyboardEvent, ReactNode } from 'react';
import styles from './Table.module.css';
import { cx } from './cx';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell(row: Row): ReactNode;
  /** This column names the row (a <th scope="row">), e.g. the customer's name. */
  rowHeader?: boolean | undefined;
  /** Long text that may wrap instead of being cut with an ellipsis. */
  wrap?: boolean | undefined;
  className?: string | undefined;
}

/** Attributes a row may carry besides its cells (test ids, data-* facts, selection). */
export type RowAttributes = Record<`data-${string}`, string | number | boolean | undefined> & {
  className?: string | undefined;
  'aria-selected'?: boolean | undefined;
};

export interface TableProps<Row> {
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey(row: Row): string | number;
  /** Shown in place of the table when there are no rows (an EmptyState, usually). */
  empty?: ReactNode | undefined;
  /** Makes each row a tab stop that Enter or a click activates (opens the record, say). */
  onActivate?: ((row: Row) => void) | undefined;
  rowAttributes?: ((row: Row) => RowAttributes) | undefined;
  /** A visible caption, or an accessible name only. */
  caption?: ReactNode | undefined;
  label?: string | undefined;
  /** Bounds the height: the body scrolls under a sticky header. */
  maxHeight?: string | undefined;
  className?: string | undefined;
  testId?: string | undefined;
}

/**
 * A plain semantic table for the small lists (hundreds of rows at most). The big customers table
 * virtualizes with TanStack instead and only shares the tokens.
 */
export function Table<Row>({ columns, rows, rowKey, empty, onActivate, rowAttributes, caption, label, maxHeight, className, testId }: TableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const onKeyDown = (row: Row) => (event: KeyboardEvent<HTMLTableRowElement>) => {
    // Only the row itself: Enter on a button or input inside the row belongs to that control.
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      onActivate?.(row);
    }
  };
  return (
    <div className={cx(styles.scroll, className)} style={maxHeight ? { maxHeight } : undefined} data-testid={testId}>
      <table className={styles.table} aria-label={label}>
        {caption && <caption className={styles.caption}>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { className: rowClass, ...attributes } = rowAttributes?.(row) ?? {};
            return (
              <tr
                key={rowKey(row)}
                {...attributes}
                className={cx(onActivate && styles.activatable, rowClass)}
                tabIndex={onActivate ? 0 : undefined}
                onClick={onActivate ? () => onActivate(row) : undefined}
                onKeyDown={onActivate ? onKeyDown(row) : undefined}
              >
                {columns.map((column) => {
                  const Cell = column.rowHeader ? 'th' : 'td';
                  return (
                    <Cell key={column.key} scope={column.rowHeader ? 'row' : undefined} className={cx(column.wrap && styles.wrap, column.className)}>
                      {column.cell(row)}
                    </Cell>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
