import type { ImportTarget } from '../../../shared/import';
import type { ParseOptions, ParsedTable } from './parsed-table';

/**
 * What the import service needs from the file parser (parse-file.ts and friends, run in a worker).
 * Passed in, so the service is the same whether the parser runs in a worker, in-process (the
 * benchmark) or is handed a table a test built.
 */
export interface ImportParser {
  parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedTable>;
  /** A target per header (the synonym dictionary, else what the samples look like), 'ignore' when none fits. */
  suggestMapping(headers: readonly string[], samples?: readonly (readonly string[])[]): ImportTarget[];
  /** A normalised key of the header set: a later file with the same headers gets the saved mapping. */
  headerSignature(headers: readonly string[]): string;
  /** A cell as the person typed it: Coffer's own formula guard (a leading ' before = + - @) removed. */
  unguard(text: string): string;
  /** The rows with problems as an .xlsx: the original cells plus a reason column. */
  errorWorkbook(headers: readonly string[], rows: readonly { row: number; cells: readonly string[]; reasons: string }[]): Uint8Array;
}
