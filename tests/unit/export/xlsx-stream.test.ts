import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { columnName, createXlsxStream, xmlText } from '../../../electron/core/export/xlsx-stream';
import { HOSTILE } from './hostile-payloads';

function build(write: (x: ReturnType<typeof createXlsxStream>) => void): Buffer {
  const chunks: Uint8Array[] = [];
  const book = createXlsxStream((chunk) => chunks.push(chunk));
  write(book);
  return Buffer.concat(chunks);
}

const cellsOf = (bytes: Buffer, sheet: string) => {
  const book = XLSX.read(bytes, { type: 'buffer', cellFormula: true });
  return { book, sheet: book.Sheets[sheet]!, rows: XLSX.utils.sheet_to_json<string[]>(book.Sheets[sheet]!, { header: 1, raw: true, defval: '' }) };
};

describe('streamed xlsx', () => {
  it('column names run A..Z, AA.., as spreadsheets count them', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('escapes XML, drops the characters XML cannot carry, keeps literal _xHHHH_ and CR', () => {
    expect(xmlText('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(xmlText('x\u0000y\u0007z\u001F\uFFFE')).toBe('xyz');
    expect(xmlText('_x0041_')).toBe('_x005F_x0041_');
    expect(xmlText('a\rb')).toBe('a&#13;b');
    expect(xmlText('\uD83D\uDE00 \uD83D')).toBe('\uD83D\uDE00 ');
  });

  it('reads back in SheetJS: sheets in the order given, every cell a string exactly as written, no formula', () => {
    const awkward = ['110101199003071234', '000123', '6222021234567890123', '王伟', '_x0041_', 'a\nb', 'a\rb', 'tab\there', '<b>&amp;</b>', '1e5', 'TRUE', '2026-12-01 14:05', '😀 emoji', ...HOSTILE];
    const bytes = build((book) => {
      const data = book.sheet(2);
      data.rows([['header', 'second']]);
      data.rows(awkward.map((v) => [v, `${v}!`]));
      data.end();
      const cover = book.sheet(1);
      cover.rows([['导出编号 Export id', 'abc'], ['行数 Rows', String(awkward.length)]]);
      cover.end();
      book.finish(['Export 导出说明', 'Customers 客户']);
    });
    const { book, sheet, rows } = cellsOf(bytes, 'Customers 客户');
    expect(book.SheetNames).toEqual(['Export 导出说明', 'Customers 客户']);
    expect(rows[0]).toEqual(['header', 'second']);
    // HOSTILE holds '\r=1+2' and '\n=1+2'; SheetJS's reader folds a CR LF pair to LF, so none is listed.
    expect(rows.slice(1).map((r) => r[0])).toEqual(awkward);
    expect(rows.slice(1).map((r) => r[1])).toEqual(awkward.map((v) => `${v}!`));
    for (const [address, cell] of Object.entries(sheet)) {
      if (address.startsWith('!')) continue;
      expect((cell as XLSX.CellObject).t, address).toBe('s');
      expect((cell as XLSX.CellObject).f, address).toBeUndefined();
    }
    expect(cellsOf(bytes, 'Export 导出说明').rows).toEqual([['导出编号 Export id', 'abc'], ['行数 Rows', String(awkward.length)]]);
  });

  it('writes as it goes: the ZIP bytes leave in many chunks, not as one workbook at the end', () => {
    const sizes: number[] = [];
    const book = createXlsxStream((chunk) => sizes.push(chunk.length));
    const sheet = book.sheet(1);
    const row = Array.from({ length: 12 }, (_, i) => `value ${i} ${'x'.repeat(20)}`);
    let beforeEnd = 0;
    for (let batch = 0; batch < 20; batch++) {
      sheet.rows(Array.from({ length: 1000 }, (_, i) => row.map((v) => `${v} ${batch * 1000 + i}`)));
      if (batch === 18) beforeEnd = sizes.reduce((a, b) => a + b, 0);
    }
    sheet.end();
    book.finish(['Only']);
    const total = sizes.reduce((a, b) => a + b, 0);
    // Most of the compressed sheet was handed out before its last batch was even given.
    expect(beforeEnd).toBeGreaterThan(total * 0.5);
    expect(sizes.length).toBeGreaterThan(10);
  });

  it('a failing write (a full disk) surfaces from the call that wrote, not later or never', () => {
    const book = createXlsxStream(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    expect(() => {
      const sheet = book.sheet(1);
      sheet.rows(Array.from({ length: 5000 }, (_, i) => [`row ${i}`, 'x'.repeat(200)]));
      sheet.end();
      book.finish(['Only']);
    }).toThrow(/ENOSPC/);
  });

  it('refuses a workbook naming a sheet that was never written', () => {
    const book = createXlsxStream(() => undefined);
    book.sheet(1).end();
    expect(() => book.finish(['One', 'Two'])).toThrow(/never written/);
  });
});
