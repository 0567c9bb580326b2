import { DUPLICATE_CHOICES, type DuplicateChoice, type RowResult } from '../../../../shared/import';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { ROWS_PAGE, useImportStore } from '../../stores/import-store';
import { formatCount, rowReasonsText } from './import-text';

/** A row the duplicate choice applies to: it matched a customer or an earlier row of the file. */
function isDuplicate(row: RowResult): boolean {
  return row.match !== null || row.warnings.some((w) => w.code === 'duplicate_in_file' || w.code === 'duplicate_in_vault') || row.errors.some((e) => e.code === 'duplicate_in_file');
}

/** The dry run's rows, a page at a time from main, each with its Excel row number and reasons. */
export function RowsTable() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { rows, rowsTotal, offset, filter, mapping, overrides, busy, loadRows, setOverride } = useImportStore();
  const targetOf = (letter: string) => mapping.find((m) => m.letter === letter)?.target;

  if (rows.length === 0) return <p className="empty" data-testid="import-rows-empty">{t('import.rows.none')}</p>;
  const from = offset + 1;
  const to = offset + rows.length;
  return (
    <div className="table-wrap">
      <div className="table-scroll">
        <table className="grid import-rows" data-testid="import-rows">
          <thead>
            <tr>
              <th scope="col">{t('import.rows.col.row')}</th>
              <th scope="col">{t('import.rows.col.name')}</th>
              <th scope="col">{t('import.rows.col.action')}</th>
              <th scope="col">{t('import.rows.col.reasons')}</th>
              <th scope="col">{t('import.rows.col.choice')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.row} data-testid="import-row" data-row={row.row} data-action={row.action}>
                <th scope="row">{row.row}</th>
                <td>{row.name}</td>
                <td>
                  <span className={`badge action-${row.action}`}>{t(`import.action.${row.action}`)}</span>
                </td>
                <td className="reasons" data-testid="import-row-reasons">
                  {row.match && <span className="hint match">{t('import.rows.match', { name: row.match.name })}</span>}
                  {rowReasonsText(t, row, targetOf)}
                </td>
                <td>
                  {(isDuplicate(row) || overrides[row.row] !== undefined) && (
                    <select aria-label={t('import.rows.choiceFor', { row: row.row })} value={overrides[row.row] ?? ''} disabled={busy} onChange={(e) => void setOverride(row.row, (e.target.value || null) as DuplicateChoice | null)}>
                      <option value="">{t('import.rows.asAbove')}</option>
                      {DUPLICATE_CHOICES.map((c) => (
                        <option key={c} value={c}>
                          {t(`import.choice.${c}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-tools">
        <span className="hint" data-testid="import-rows-page">
          {t('import.rows.page', { from: formatCount(locale, from), to: formatCount(locale, to), total: formatCount(locale, rowsTotal) })}
        </span>
        <span className="actions">
          <button type="button" className="secondary" disabled={offset === 0} onClick={() => void loadRows(filter, Math.max(0, offset - ROWS_PAGE))}>
            {t('import.rows.prev')}
          </button>
          <button type="button" className="secondary" disabled={to >= rowsTotal} onClick={() => void loadRows(filter, offset + ROWS_PAGE)}>
            {t('import.rows.next')}
          </button>
        </span>
      </div>
    </div>
  );
}
