import { IMPORT_TARGETS, type ImportPreview, type ImportTarget } from '../../../shared/import';
import type { Db } from '../db/open-database';
import type { ImportParser } from './import-parser';
import { lastImportOf, rememberedMapping } from './import-repository';
import type { ParsedTable } from './parsed-table';
import { columnLetters } from './row-values';

/**
 * What the wizard shows of an opened file: its columns with samples and a suggested target (the
 * mapping remembered for these headers first, else the synonym dictionary), and whether this very
 * file was imported before.
 */
export function buildPreview(db: Db, parser: ImportParser, entry: { id: string; fileName: string; sha256: string; table: ParsedTable }): ImportPreview {
  const { table } = entry;
  const remembered = rememberedMapping(db, parser.headerSignature(table.headers));
  // Twenty's founder: examples from row 1 alone mislead; the first 20 non-empty values per column.
  const many = table.headers.map((_, i) => samplesOf(table, i, parser.unguard, 20));
  const suggested = parser.suggestMapping(table.headers, many);
  const letters = columnLetters(table);
  const fromMemory = remembered && remembered.every((m) => letters.includes(m.letter) && (IMPORT_TARGETS as readonly string[]).includes(m.target));
  return {
    importId: entry.id,
    fileName: entry.fileName,
    format: table.format,
    sheets: table.sheets,
    sheet: table.sheet,
    encoding: table.encoding,
    encodingCandidates: table.encodingCandidates,
    headerRow: table.headerRow,
    columns: table.headers.map((header, index) => ({
      letter: letters[index]!,
      header,
      samples: many[index]!.slice(0, 3),
      suggested: (fromMemory ? (remembered.find((m) => m.letter === letters[index])?.target as ImportTarget | undefined) : suggested[index]) ?? 'ignore',
    })),
    rows: table.rows.length,
    rememberedMapping: Boolean(fromMemory),
    precisionLost: table.precisionLost.map((i) => letters[i]!),
    importedBefore: lastImportOf(db, entry.sha256),
  };
}

function samplesOf(table: ParsedTable, index: number, unguard: (text: string) => string, count: number): string[] {
  const samples: string[] = [];
  for (const row of table.rows) {
    const value = unguard(row.cells[index] ?? '').trim();
    if (value !== '') samples.push(value);
    if (samples.length === count) break;
  }
  return samples;
}
