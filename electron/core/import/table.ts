import { CofferError } from '../../../shared/errors';
import type { Grid } from './grid';
import { detectHeaderRow, isIdLikeHeader } from './headers';
import type { ParsedTable } from './parsed-table';
import { parseFailure, type Limits } from './parse-limits';

const SCIENTIFIC = /^[+-]?\d(\.\d+)?e\+?\d+$/i;

type TableFacts = Pick<ParsedTable, 'format' | 'sheets' | 'sheet' | 'encoding' | 'encodingCandidates'>;

/**
 * The grid cut to its header and data rows: empty rows and columns dropped, row and column caps
 * applied, lost-precision columns and formula cells named by the kept column's index.
 */
export function tableFromGrid(grid: Grid, facts: TableFacts, headerRowOption: number | undefined, limits: Limits): ParsedTable {
  if (grid.rows.length === 0) throw parseFailure('empty', limits);
  if (grid.truncated) throw parseFailure('too_many_rows', limits);
  let headerRow: number;
  if (headerRowOption !== undefined) {
    const last = grid.rows[grid.rows.length - 1]!.row;
    if (!Number.isInteger(headerRowOption) || headerRowOption < 1 || headerRowOption > last) {
      throw new CofferError('INVALID_INPUT', 'The header row is outside the sheet: pick a row that holds the column names.', { headerRow: 'out_of_range' });
    }
    headerRow = headerRowOption;
  } else {
    headerRow = grid.rows[detectHeaderRow(grid.rows.map((r) => r.cells))]!.row;
  }
  const headerCells = grid.rows.find((r) => r.row === headerRow)?.cells ?? [];
  const data = grid.rows.filter((r) => r.row > headerRow);
  if (data.length === 0) throw parseFailure('empty', limits);
  if (data.length > limits.maxRows) throw parseFailure('too_many_rows', limits);

  // A column is kept when its header or any data cell holds something; rows above the header
  // (a title) do not keep a column alive.
  let width = headerCells.length;
  for (const r of data) width = Math.max(width, r.cells.length);
  const used = new Array<boolean>(width).fill(false);
  headerCells.forEach((cell, c) => (used[c] ||= cell !== ''));
  for (const r of data) r.cells.forEach((cell, c) => (used[c] ||= cell !== ''));
  const kept: number[] = [];
  used.forEach((u, c) => u && kept.push(c));
  if (kept.length > limits.maxColumns) throw parseFailure('too_many_columns', limits);
  const keptIndex = new Map(kept.map((source, index) => [source, index]));

  const headers = kept.map((c) => headerCells[c] ?? '');
  const rows = data.map((r) => ({ row: r.row, cells: kept.map((c) => r.cells[c] ?? '') }));

  const lost = new Set<number>();
  for (const n of grid.longNumbers) {
    const index = keptIndex.get(n.col);
    if (n.row <= headerRow || index === undefined) continue;
    // Excel keeps 15 significant digits: more means the writer kept a float's noise; an ID-like
    // column of 15+ digits ending in 000 is the usual sign that the last digits were zeroed.
    if (n.significant >= 16 || (n.digits.length >= 15 && n.digits.endsWith('000') && isIdLikeHeader(headers[index]!))) lost.add(index);
  }
  // A CSV saved by Excel holds what the cell showed: an 18-digit ID typed as a number becomes
  // 1.10101E+17, and the digits are gone before Coffer sees the file.
  kept.forEach((_, index) => {
    if (lost.has(index) || !isIdLikeHeader(headers[index]!)) return;
    if (rows.some((r) => SCIENTIFIC.test(r.cells[index]!))) lost.add(index);
  });
  const formulaCells = grid.formulas.flatMap((f) => {
    const column = keptIndex.get(f.col);
    return f.row > headerRow && column !== undefined ? [{ row: f.row, column }] : [];
  });

  return {
    ...facts,
    headerRow,
    headers,
    sourceColumns: kept,
    rows,
    precisionLost: [...lost].sort((a, b) => a - b),
    formulaCells,
  };
}
