import * as XLSX from '@e965/xlsx';
import { forceText } from '../export/force-text';
import { guardFormula } from '../export/formula-guard';

/**
 * The rows an import could not take, as a workbook the person fixes and imports again (悟空CRM's
 * pattern): the reasons first, then the original columns, then the row it came from. Every cell
 * is a string (an ID must not become a number and lose digits) and text that a spreadsheet would
 * run is guarded like an export, which the import strips again on the way back in.
 */
export const REASON_HEADER = '错误原因 / Reason';
export const ROW_HEADER = '原行号 / Row';

export function errorWorkbook(headers: readonly string[], rows: readonly { row: number; cells: readonly string[]; reasons: string }[]): Buffer {
  const table: string[][] = [
    [REASON_HEADER, ...headers, ROW_HEADER].map(guardFormula),
    ...rows.map((r) => [r.reasons, ...headers.map((_, i) => r.cells[i] ?? ''), String(r.row)].map(guardFormula)),
  ];
  const sheet = XLSX.utils.aoa_to_sheet(table, { dense: true });
  forceText(sheet);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Errors');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
