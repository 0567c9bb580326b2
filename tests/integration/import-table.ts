import * as XLSX from '@e965/xlsx';
import type { ImportTarget } from '../../shared/import';
import type { ImportParser } from '../../electron/core/import/import-parser';
import type { ParsedTable } from '../../electron/core/import/parsed-table';

/**
 * The import service's parser, for tests that build their table: the "file" is the table itself
 * as JSON, so parse() is a plain function of the bytes the service read from disk.
 */
const SYNONYMS: Record<string, ImportTarget> = { 姓名: 'name', name: 'name', 手机: 'mobile', mobile: 'mobile', 邮箱: 'email', email: 'email', 公司: 'company', company: 'company', 城市: 'city', city: 'city', 标签: 'tags', tags: 'tags', 备注: 'notes', notes: 'notes', 等级: 'level', level: 'level', 身份证: 'idNumber' };
export const tableParser: ImportParser = {
  parse: async (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')) as ParsedTable,
  suggestMapping: (headers) => headers.map((h) => SYNONYMS[h] ?? 'ignore'),
  headerSignature: (headers) => headers.join('\u0001'),
  unguard: (text) => (/^'[=+\-@]/.test(text) ? text.slice(1) : text),
  errorWorkbook: (headers, rows) => {
    const sheet = XLSX.utils.aoa_to_sheet([['错误原因 Reason', ...headers], ...rows.map((r) => [r.reasons, ...r.cells])]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Errors');
    return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  },
};

/** A parsed table: data rows numbered from 2 (row 1 is the header). */
export function table(headers: string[], rows: string[][], extra: Partial<ParsedTable> = {}): ParsedTable {
  return {
    format: 'xlsx', sheets: ['Sheet1'], sheet: 'Sheet1', encoding: null, encodingCandidates: [], headerRow: 1, headers,
    sourceColumns: headers.map((_, i) => i), rows: rows.map((cells, i) => ({ row: i + 2, cells })), precisionLost: [], formulaCells: [], ...extra,
  };
}
