import type { ImportFormat, TextEncoding } from '../../../shared/import';

/**
 * A spreadsheet or text file as the import worker hands it back: every cell as text, rows by
 * their Excel row number. The parser (parse-file.ts) produces it; the import service plans the
 * dry run and the commit from it and never sees the file's bytes again.
 */
export interface ParsedTable {
  format: ImportFormat;
  sheets: string[];
  sheet: string | null;
  encoding: TextEncoding | null;
  encodingCandidates: { encoding: TextEncoding; headerHits: number }[];
  /** Excel row number (1-based) of the header row. */
  headerRow: number;
  /** One per column kept (fully empty columns dropped). */
  headers: string[];
  /**
   * The file column (0-based; columnLetter() gives its letter) of each kept column: empty columns
   * are dropped, so headers[i] is not always column i of the file.
   */
  sourceColumns: number[];
  /** Excel row number and the row's cells as text, one per header. */
  rows: { row: number; cells: string[] }[];
  /** Column indexes whose numbers had already lost digits in the source file. */
  precisionLost: number[];
  /** Cells that held a formula: their cached value is in `rows`, and the service warns. */
  formulaCells: { row: number; column: number }[];
}

export interface ParseOptions {
  sheet?: string | undefined;
  encoding?: TextEncoding | undefined;
  headerRow?: number | undefined;
  /** Copy a vertically merged cell's value into every row of the merge (a company over its contacts). */
  fillMerged?: boolean | undefined;
}
