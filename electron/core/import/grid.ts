import * as XLSX from '@e965/xlsx';
import { cleanCell, dateText, numberText, significantDigits } from './cell-text';
import type { DelimitedRecord } from './delimited';

/**
 * A sheet (or a text file) reduced to what the import reads: the non-empty rows by their Excel
 * row number, cells as clean text by file column, and the facts the text no longer shows (long
 * numbers, formulas).
 */
export interface Grid {
  rows: { row: number; cells: string[] }[];
  /** Integer cells of 15 digits or more: an ID or card number typed as a number may have lost digits. */
  longNumbers: { row: number; col: number; digits: string; significant: number }[];
  formulas: { row: number; col: number }[];
  /** The sheet goes on past the rows read (SheetJS sheetRows). */
  truncated: boolean;
}

export const emptyGrid = (): Grid => ({ rows: [], longNumbers: [], formulas: [], truncated: false });

/** The non-empty records of a delimited text file, by record number. */
export function gridFromRecords(records: readonly DelimitedRecord[]): Grid {
  const grid = emptyGrid();
  for (const record of records) {
    const cells = record.cells.map(cleanCell);
    if (cells.some((cell) => cell !== '')) grid.rows.push({ row: record.row, cells });
  }
  return grid;
}

function cellText(cell: XLSX.CellObject, date1904: boolean): string {
  switch (cell.t) {
    case 's':
      return String(cell.v ?? '');
    case 'n': {
      const value = Number(cell.v);
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) {
        const parts = XLSX.SSF.parse_date_code(value, { date1904 });
        if (parts) return dateText(parts, value);
      }
      return numberText(value);
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v ?? '');
    case 'e':
      return cell.w ?? '';
    default:
      return '';
  }
}

/** A dense SheetJS sheet (read with raw values, number formats and formulas) as a grid. */
export function gridFromSheet(sheet: XLSX.WorkSheet, date1904: boolean, rowsRead: number, fillMerged = false): Grid {
  const grid = emptyGrid();
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  if (fillMerged) fillMergedDown(data, sheet['!merges'] ?? []);
  for (let r = 0; r < data.length; r++) {
    const source = data[r];
    if (!source) continue;
    const cells: string[] = new Array<string>(source.length).fill('');
    let filled = false;
    for (let c = 0; c < source.length; c++) {
      const cell = source[c];
      if (!cell) continue;
      const text = cleanCell(cellText(cell, date1904));
      cells[c] = text;
      if (text !== '') filled = true;
      if (cell.f !== undefined) grid.formulas.push({ row: r + 1, col: c });
      if (cell.t === 'n' && text !== '' && !(typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z))) {
        const value = Number(cell.v);
        if (Number.isInteger(value) && Math.abs(value) >= 1e14) {
          grid.longNumbers.push({ row: r + 1, col: c, digits: text.replace(/^-/, ''), significant: significantDigits(value) });
        }
      }
    }
    if (filled) grid.rows.push({ row: r + 1, cells });
  }
  const full = sheet['!fullref'] ?? sheet['!ref'];
  grid.truncated = full ? XLSX.utils.decode_range(full).e.r + 1 > rowsRead : false;
  return grid;
}

/**
 * A merged range shows its top-left value in every row it spans (company 甲 over three contacts):
 * each row below gets that value as a plain value (not a formula) in the range's first column.
 */
function fillMergedDown(data: (XLSX.CellObject | undefined)[][], merges: XLSX.Range[]): void {
  for (const { s, e } of merges) {
    const top = data[s.r]?.[s.c];
    if (!top || e.r <= s.r) continue;
    for (let r = s.r + 1; r <= e.r && r < data.length; r++) {
      const row = (data[r] ??= []);
      if (row[s.c] !== undefined) continue;
      const copy: XLSX.CellObject = { t: top.t };
      if (top.v !== undefined) copy.v = top.v;
      if (top.z !== undefined) copy.z = top.z;
      row[s.c] = copy;
    }
  }
}
