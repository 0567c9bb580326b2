import type * as XLSX from '@e965/xlsx';

/**
 * Strings only, in a dense sheet: an ID number or a bank card must not become a number and lose
 * digits, and no cell may become a formula. Shared by the importer's error workbook and the access package.
 */
export function forceText(sheet: XLSX.WorkSheet): void {
  for (const row of (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][]) {
    for (const cell of row ?? []) {
      if (!cell) continue;
      cell.t = 's';
      cell.v = cell.v === undefined || cell.v === null ? '' : String(cell.v as string);
      delete cell.f;
    }
  }
}
