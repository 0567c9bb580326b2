import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { parseInProcess } from '../../../electron/core/import/parse-file';
import { tempDir } from '../../support/tmp';
import {
  BIG5_TABLE, delimited, encode, encryptedOfficeFile, HEADERS, manyRows, randomBytes, refusalOf, ROWS, TABLE, workbook, workbookOf, xlsWithFilePass, zipClaiming,
} from './fixtures';

const expectCustomerTable = (bytes: Uint8Array) => {
  const table = parseInProcess(bytes);
  expect(table.headers).toEqual(HEADERS);
  expect(table.rows).toEqual(ROWS.map((cells, i) => ({ row: table.headerRow + 1 + i, cells })));
  expect(table.precisionLost).toEqual([]);
  return table;
};

// An 18-digit ID typed into a number cell: a double keeps only about 17 significant digits.
const TYPED_ID = Number('110101199003071234');

describe('the same customer table in every file shape', () => {
  it.each(['xlsx', 'xlsm', 'biff8'] as const)('%s: text cells keep leading zeros, 18-digit IDs and 镕/堃/喆', (bookType) => {
    const table = expectCustomerTable(workbook({ 客户: TABLE }, bookType));
    expect(table.format).toBe(bookType === 'biff8' ? 'xls' : 'xlsx');
    expect(table).toMatchObject({ sheets: ['客户'], sheet: '客户', encoding: null, headerRow: 1, sourceColumns: [0, 1, 2, 3] });
  });

  it('a file is what its bytes say, whatever it is called (xlsx as .csv and .et, xls as .et)', () => {
    const dir = tempDir();
    const files = { 'list.csv': workbook({ S: TABLE }), 'list.et': workbook({ S: TABLE }), 'old.et': workbook({ S: TABLE }, 'biff8') };
    for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
    expect(expectCustomerTable(fs.readFileSync(path.join(dir, 'list.csv'))).format).toBe('xlsx');
    expect(expectCustomerTable(fs.readFileSync(path.join(dir, 'list.et'))).format).toBe('xlsx');
    expect(expectCustomerTable(fs.readFileSync(path.join(dir, 'old.et'))).format).toBe('xls');
  });

  it.each([
    ['UTF-8', encode(delimited(TABLE), 'utf8'), 'utf8'],
    ['UTF-8 BOM', encode(delimited(TABLE), 'utf8', true), 'utf8'],
    ['GBK', encode(delimited(TABLE), 'gbk'), 'gb18030'],
    ['GB18030', encode(delimited(TABLE), 'gb18030'), 'gb18030'],
    ['UTF-16LE BOM', encode(delimited(TABLE, '\t'), 'utf16le', true), 'utf16le'],
    ['UTF-16BE', encode(delimited(TABLE), 'utf16be'), 'utf16be'],
    ['TSV', encode(delimited(TABLE, '\t'), 'utf8'), 'utf8'],
    ['semicolon CSV', encode(delimited(TABLE, ';', '\n'), 'gbk'), 'gb18030'],
  ] as const)('%s text', (_, bytes, encoding) => {
    const table = expectCustomerTable(bytes);
    expect(table).toMatchObject({ format: 'text', sheets: [], sheet: null, encoding });
    expect(table.encodingCandidates[0]).toEqual({ encoding, headerHits: 4 });
  });

  it('Big5 (陳大文) with traditional headers', () => {
    const table = parseInProcess(encode(delimited(BIG5_TABLE), 'big5'));
    expect(table.encoding).toBe('big5');
    expect(table.headers).toEqual(BIG5_TABLE[0]);
    expect(table.rows[0]!.cells[0]).toBe('陳大文');
    expect(table.encodingCandidates.map((c) => c.encoding)).toContain('gb18030');
    expect(parseInProcess(encode(delimited(BIG5_TABLE), 'big5'), { encoding: 'gb18030' }).rows[0]!.cells[0]).not.toBe('陳大文');
  });
});

describe('layout', () => {
  it('finds the header under a title row, drops empty rows and columns, and keeps file row numbers and columns', () => {
    const aoa = [['2024年客户名单'], [], ['姓名', null, '手机', '公司'], ['王镕', null, '01012345678', '甲'], [], ['  李堃 ', null, '１３８００１３８０００', '乙\n公司']];
    for (const bytes of [workbook({ S: aoa }), encode(delimited(aoa.map((r) => r.map((c) => c ?? ''))), 'gbk')]) {
      const table = parseInProcess(bytes);
      expect(table.headerRow).toBe(3);
      expect(table.headers).toEqual(['姓名', '手机', '公司']);
      expect(table.sourceColumns).toEqual([0, 2, 3]);
      expect(table.rows).toEqual([
        { row: 4, cells: ['王镕', '01012345678', '甲'] },
        { row: 6, cells: ['李堃', '13800138000', '乙\n公司'] },
      ]);
    }
  });

  it('a table that starts at C5 keeps its Excel row numbers and file columns', () => {
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const table = parseInProcess(workbookOf(XLSX.utils.sheet_add_aoa(XLSX.utils.aoa_to_sheet([]), TABLE, { origin: 'C5' }), bookType));
      expect(table).toMatchObject({ headerRow: 5, headers: HEADERS, sourceColumns: [2, 3, 4, 5] });
      expect(table.rows.map((r) => r.row)).toEqual([6, 7, 8]);
    }
  });

  it('the header row can be chosen; outside the sheet is refused', () => {
    const bytes = workbook({ S: [['x', 'y'], ...TABLE] });
    expect(parseInProcess(bytes).headerRow).toBe(2);
    const chosen = parseInProcess(bytes, { headerRow: 1 });
    expect(chosen.headers).toEqual(['x', 'y', '', '']);
    expect(chosen.rows.length).toBe(4);
    expect(refusalOf(() => parseInProcess(bytes, { headerRow: 99 })).code).toBe('INVALID_INPUT');
  });

  it('takes the first non-empty sheet unless one is named; an unknown sheet is refused', () => {
    const bytes = workbook({ 封面: [[]], 客户: TABLE, 其他: [['姓名'], ['赵六']] });
    const first = parseInProcess(bytes);
    expect(first.sheets).toEqual(['封面', '客户', '其他']);
    expect(first.sheet).toBe('客户');
    const other = parseInProcess(bytes, { sheet: '其他' });
    expect(other.rows).toEqual([{ row: 2, cells: ['赵六'] }]);
    expect(refusalOf(() => parseInProcess(bytes, { sheet: '无' })).code).toBe('INVALID_INPUT');
  });

  it('dates are ISO text, booleans TRUE/FALSE, and a Coffer export guard is stripped', () => {
    const sheet = XLSX.utils.aoa_to_sheet([['姓名', '生日', '会员', '备注'], ['王', null, true, "'=1+2"]]);
    sheet['B2'] = { t: 'n', v: 45356, z: 'yyyy-mm-dd' };
    const table = parseInProcess(workbookOf(sheet));
    expect(table.rows[0]!.cells).toEqual(['王', '2024-03-05', 'TRUE', '=1+2']);
  });
});

describe('merged cells', () => {
  const sheetWithMerge = () => {
    const sheet = XLSX.utils.aoa_to_sheet([['公司', '姓名', '手机'], ['甲公司', '王镕', '13800138000'], [null, '李堃', '13900139000'], [null, '张喆', '13700137000'], ['乙公司', '赵六', '13600136000']]);
    sheet['!merges'] = [XLSX.utils.decode_range('A2:A4')];
    return sheet;
  };

  it.each(['xlsx', 'biff8'] as const)('%s: filled downward when asked, left empty otherwise', (bookType) => {
    const bytes = workbookOf(sheetWithMerge(), bookType);
    expect(parseInProcess(bytes, { fillMerged: true }).rows.map((r) => r.cells[0])).toEqual(['甲公司', '甲公司', '甲公司', '乙公司']);
    expect(parseInProcess(bytes).rows.map((r) => r.cells[0])).toEqual(['甲公司', '', '', '乙公司']);
  });
});

describe('numbers and formulas', () => {
  it('flags a numeric 18-digit ID (17 significant digits kept) and an Excel-truncated one ending in 000', () => {
    const sheet = XLSX.utils.aoa_to_sheet([['姓名', '手机', '身份证号', '证件号码', '金额'], ['王', 13800138000, TYPED_ID, 110101199003071000, 123456789012345000]]);
    const table = parseInProcess(workbookOf(sheet));
    expect(table.rows[0]!.cells).toEqual(['王', '13800138000', '110101199003071230', '110101199003071000', '123456789012345000']);
    // 手机 is not flagged (11 digits), 金额 is not an ID column, so its 000 says nothing.
    expect(table.precisionLost).toEqual([2, 3]);
  });

  it('the same numbers in .xls are flagged too; an ID typed as text is not', () => {
    const sheet = XLSX.utils.aoa_to_sheet([['姓名', '身份证号', '银行卡号'], ['王', '110101199003071234', 6222020200112233000]]);
    expect(parseInProcess(workbookOf(sheet, 'biff8')).precisionLost).toEqual([2]);
  });

  it('a CSV saved by Excel shows an 18-digit ID as 1.10101E+17: that ID column is flagged, other columns not', () => {
    const csv = '姓名,身份证号,金额,备注\r\n王,1.10101E+17,1E+17,1.1E+17\r\n李,110101199003071234,5,\r\n';
    const table = parseInProcess(encode(csv, 'gbk'));
    expect(table.precisionLost).toEqual([1]);
    expect(parseInProcess(encode(delimited(TABLE), 'gbk')).precisionLost).toEqual([]);
  });

  it('a formula gives its cached value and is counted per cell', () => {
    const sheet = XLSX.utils.aoa_to_sheet([['姓名', '手机', '备注'], ['王', '13800138000', null], ['李', '13900139000', null]]);
    sheet['C2'] = { t: 'n', v: 3, f: '1+2' };
    sheet['C3'] = { t: 's', v: '王-甲', f: 'A2&"-甲"' };
    const table = parseInProcess(workbookOf(sheet));
    expect(table.rows.map((r) => r.cells[2])).toEqual(['3', '王-甲']);
    expect(table.formulaCells).toEqual([
      { row: 2, column: 2 },
      { row: 3, column: 2 },
    ]);
  });
});

describe('refusals, each with its code and reason', () => {
  const refused = (reason: string, run: () => unknown) => expect(refusalOf(run)).toEqual({ code: 'INVALID_INPUT', reason });

  it('empty, whitespace-only and header-only files', () => {
    refused('empty', () => parseInProcess(new Uint8Array(0)));
    refused('empty', () => parseInProcess(encode(' \r\n\r\n', 'utf8')));
    refused('empty', () => parseInProcess(encode('姓名,手机\r\n', 'utf8')));
    refused('empty', () => parseInProcess(workbook({ S: [[]] })));
  });

  it('damaged and foreign files', () => {
    const xlsx = workbook({ S: TABLE });
    refused('corrupt', () => parseInProcess(xlsx.subarray(0, Math.floor(xlsx.length / 2))));
    refused('corrupt', () => parseInProcess(randomBytes(4096)));
    const inner = Buffer.from(xlsx);
    inner.fill(0x41, 200, 1200);
    refused('corrupt', () => parseInProcess(inner));
    refused('corrupt', () => parseInProcess(Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(2000)])));
    refused('corrupt', () => parseInProcess(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(2000)])));
  });

  it('password-protected workbooks', () => {
    refused('password_protected', () => parseInProcess(encryptedOfficeFile()));
    refused('password_protected', () => parseInProcess(xlsWithFilePass()));
  });

  it('a zip bomb, before anything is unpacked', () => {
    refused('zip_bomb', () => parseInProcess(zipClaiming(workbook({ S: TABLE }), 0x7ffffff0)));
  });

  it('too large, too many rows, too many columns', () => {
    const csv = encode(delimited(manyRows(60)), 'utf8');
    refused('too_large', () => parseInProcess(csv, {}, { maxBytes: 100 }));
    refused('too_many_rows', () => parseInProcess(csv, {}, { maxRows: 50 }));
    refused('too_many_rows', () => parseInProcess(workbook({ S: manyRows(60) }), {}, { maxRows: 50 }));
    // A sheet that goes on past what was read (a million formatted rows) is refused too.
    refused('too_many_rows', () => parseInProcess(workbook({ S: manyRows(1200) }), {}, { maxRows: 50 }));
    expect(parseInProcess(csv, {}, { maxRows: 60 }).rows.length).toBe(60);
    const wide = [Array.from({ length: 12 }, (_, i) => `列${i}`), Array.from({ length: 12 }, (_, i) => `${i}`)];
    refused('too_many_columns', () => parseInProcess(encode(delimited(wide), 'utf8'), {}, { maxColumns: 10 }));
    refused('too_many_columns', () => parseInProcess(workbook({ S: wide }), {}, { maxColumns: 10 }));
  });

  it('messages carry no data from the file and say what to do', () => {
    const error = (() => {
      try {
        parseInProcess(encryptedOfficeFile());
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe('The workbook is password-protected: remove the password in Excel (File > Info) and import again.');
  });
});
