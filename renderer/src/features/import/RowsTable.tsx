import { keepPreviousData } from '@tanstack/react-query';
import { DUPLICATE_CHOICES, type DuplicateChoice, type RowResult } from '../../../../shared/import';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { ROWS_PAGE, useImportStore } from '../../stores/import-store';
import { Badge, Button, EmptyState, Select, Table, type BadgeTone, type Column } from '../../ui';
import { formatCount, rowReasonsText } from './import-text';
import styles from './import.module.css';

/** A row the duplicate choice applies to: it matched a customer or an earlier row of the file. */
function isDuplicate(row: RowResult): boolean {
  return row.match !== null || row.warnings.some((w) => w.code === 'duplicate_in_file' || w.code === 'duplicate_in_vault') || row.errors.some((e) => e.code === 'duplicate_in_file');
}

const ACTION_TONE: Record<RowResult['action'], BadgeTone> = { new: 'success', update: 'accent', merge: 'accent', skip: 'neutral', error: 'danger' };

/**
 * The dry run's rows, a page at a time from main (the import.rows query, keyed by filter and
 * offset, invalidated by each dry run), each with its Excel row number and reasons.
 */
export function RowsTable() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { preview, offset, filter, mapping, overrides, busy, showRows: loadRows, setOverride } = useImportStore();
  const input = { importId: preview?.importId ?? '', ...(filter === 'all' ? {} : { action: filter }), offset, limit: ROWS_PAGE };
  // The last page stays while the next loads, rather than the table blinking empty.
  const query = useChannelQuery('import.rows', input, { enabled: preview !== null, placeholderData: keepPreviousData });
  const rows = query.data?.rows ?? [];
  const rowsTotal = query.data?.total ?? 0;
  const targetOf = (letter: string) => mapping.find((m) => m.letter === letter)?.target;

  const columns: Column<RowResult>[] = [
    { key: 'row', header: t('import.rows.col.row'), rowHeader: true, cell: (row) => row.row },
    { key: 'name', header: t('import.rows.col.name'), cell: (row) => row.name },
    { key: 'action', header: t('import.rows.col.action'), cell: (row) => <Badge tone={ACTION_TONE[row.action]}>{t(`import.action.${row.action}`)}</Badge> },
    {
      key: 'reasons',
      header: t('import.rows.col.reasons'),
      wrap: true,
      cell: (row) => (
        <span data-testid="import-row-reasons">
          {row.match && <span className={styles.match}>{t('import.rows.match', { name: row.match.name })}</span>}
          {rowReasonsText(t, row, targetOf)}
        </span>
      ),
    },
    {
      key: 'choice',
      header: t('import.rows.col.choice'),
      cell: (row) =>
        (isDuplicate(row) || overrides[row.row] !== undefined) && (
          <Select aria-label={t('import.rows.choiceFor', { row: row.row })} value={overrides[row.row] ?? ''} disabled={busy} onChange={(e) => void setOverride(row.row, (e.target.value || null) as DuplicateChoice | null)}>
            <option value="">{t('import.rows.asAbove')}</option>
            {DUPLICATE_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`import.choice.${c}`)}
              </option>
            ))}
          </Select>
        ),
    },
  ];

  const from = offset + 1;
  const to = offset + rows.length;
  return (
    <div className={styles.tableWrap}>
      <ErrorNotice error={errorBody(query.error)} />
      <Table
        columns={columns}
        rows={rows}
        rowKey={(row) => row.row}
        label={t('import.rows.title')}
        testId="import-rows"
        maxHeight="60vh"
        rowAttributes={(row) => ({ 'data-testid': 'import-row', 'data-row': row.row, 'data-action': row.action })}
        empty={<EmptyState title={t('import.rows.none')} testId="import-rows-empty" />}
      />
      {rows.length > 0 && (
        <div className={styles.tableTools}>
          <span className={styles.hint} data-testid="import-rows-page">
            {t('import.rows.page', { from: formatCount(locale, from), to: formatCount(locale, to), total: formatCount(locale, rowsTotal) })}
          </span>
          <span className={styles.pager}>
            <Button variant="secondary" size="sm" disabled={offset === 0} onClick={() => loadRows(filter, Math.max(0, offset - ROWS_PAGE))}>
              {t('import.rows.prev')}
            </Button>
            <Button variant="secondary" size="sm" disabled={to >= rowsTotal} onClick={() => loadRows(filter, offset + ROWS_PAGE)}>
              {t('import.rows.next')}
            </Button>
          </span>
        </div>
      )}
    </div>
  );
}
