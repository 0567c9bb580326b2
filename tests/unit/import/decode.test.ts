import { describe, expect, it } from 'vitest';
import { decodeText, looksBinary } from '../../../electron/core/import/decode';
import { detectDelimiter, readDelimited } from '../../../electron/core/import/delimited';
import { BIG5_TABLE, delimited, encode, TABLE } from './fixtures';

const CSV = delimited(TABLE);
const cellsOf = (records: { cells: string[] }[]) => records.map((r) => r.cells);
const firstLine = (text: string) => text.split(/\r\n/)[0];

describe('text encoding', () => {
  it.each([
    ['UTF-8', encode(CSV, 'utf8'), 'utf8'],
    ['UTF-8 with BOM', encode(CSV, 'utf8', true), 'utf8'],
    ['GBK (Excel "CSV" on Chinese Windows)', encode(CSV, 'gbk'), 'gb18030'],
    ['GB18030', encode(CSV, 'gb18030'), 'gb18030'],
    ['UTF-16LE with BOM', encode(CSV, 'utf16le', true), 'utf16le'],
    ['UTF-16BE with BOM', encode(CSV, 'utf16be', true), 'utf16be'],
    ['UTF-16LE without BOM', encode(CSV, 'utf16le'), 'utf16le'],
    ['UTF-16BE without BOM', encode(CSV, 'utf16be'), 'utf16be'],
  ] as const)('%s decodes to the same table, rare characters (镕 堃 喆) included', (_, bytes, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.clean).toBe(true);
    expect(decoded.text).toBe(CSV);
    expect(decoded.encodingCandidates[0]).toEqual({ encoding, headerHits: 4 });
  });

  it('GBK is not valid UTF-8, so strict UTF-8 is not even a candidate', () => {
    const candidates = decodeText(encode(CSV, 'gbk')).encodingCandidates.map((c) => c.encoding);
    expect(candidates).not.toContain('utf8');
    expect(candidates[0]).toBe('gb18030');
  });

  it('Big5 decodes as GB18030 without error, but only Big5 finds the headers (陳大文)', () => {
    const text = delimited(BIG5_TABLE);
    const decoded = decodeText(encode(text, 'big5'));
    expect(decoded.encoding).toBe('big5');
    expect(decoded.text).toBe(text);
    const hits = Object.fromEntries(decoded.encodingCandidates.map((c) => [c.encoding, c.headerHits]));
    expect(hits.big5).toBe(4);
    expect(hits.gb18030).toBeDefined();
    expect(hits.gb18030).toBeLessThan(2);
  });

  it('an override wins and keeps every candidate count; a BOM file reports its one encoding', () => {
    const decoded = decodeText(encode(CSV, 'gbk'), 'big5');
    expect(decoded.encoding).toBe('big5');
    expect(firstLine(decoded.text)).not.toBe('姓名,手机,公司,身份证号');
    expect(decoded.encodingCandidates.find((c) => c.encoding === 'gb18030')?.headerHits).toBe(4);
    const bom = decodeText(encode(CSV, 'utf8', true));
    expect(bom.encodingCandidates).toEqual([{ encoding: 'utf8', headerHits: 4 }]);
    const forced = decodeText(encode(CSV, 'utf8'), 'gb18030');
    expect(forced.encoding).toBe('gb18030');
  });

  it('English headers in plain ASCII are UTF-8', () => {
    const decoded = decodeText(encode('Name,Mobile,E-mail\r\nAnn,13800138000,a@example.com\r\n', 'utf8'));
    expect(decoded.encoding).toBe('utf8');
    expect(decoded.encodingCandidates[0]).toEqual({ encoding: 'utf8', headerHits: 3 });
  });

  it('binary is not text', () => {
    expect(looksBinary('a\u0000b\u0001c\u0002')).toBe(true);
    expect(looksBinary(CSV)).toBe(false);
  });
});

describe('delimiters and quotes (RFC 4180)', () => {
  it.each([
    [',', 'comma'],
    ['\t', 'TSV'],
    [';', 'semicolon'],
    ['|', 'pipe'],
  ])('finds %j (%s) and reads the same table', (delimiter) => {
    const text = delimited(TABLE, delimiter);
    expect(detectDelimiter(text)).toBe(delimiter);
    expect(cellsOf(readDelimited(text, delimiter).records)).toEqual(TABLE);
  });

  it('keeps quoted delimiters, doubled quotes and line breaks inside a field; any line ending', () => {
    const text = '姓名,备注\r\n"王, 伟","他说""好""\n第二行"\n李四,5" 屏\r张三,"未闭合';
    expect(detectDelimiter(text)).toBe(',');
    expect(cellsOf(readDelimited(text, ',').records)).toEqual([
      ['姓名', '备注'],
      ['王, 伟', '他说"好"\n第二行'],
      ['李四', '5" 屏'],
      ['张三', '未闭合'],
    ]);
  });

  it('numbers, zeros and formulas stay the text they are', () => {
    const { records } = readDelimited('01012345678,110101199003071234,=1+2,1E+17\n', ',');
    expect(cellsOf(records)).toEqual([['01012345678', '110101199003071234', '=1+2', '1E+17']]);
  });

  it('counts record numbers with empty lines, and stops after the given number of non-empty records', () => {
    expect(readDelimited('a,b\n\n,\r\nc,d\re,', ',').records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 4, cells: ['c', 'd'] },
      { row: 5, cells: ['e', ''] },
    ]);
    expect(readDelimited('\n'.repeat(1_000_000) + 'x', ',').records).toEqual([{ row: 1_000_001, cells: ['x'] }]);
    const stopped = readDelimited('1\n2\n3\n4\n5\n', ',', 2);
    expect(stopped.stopped).toBe(true);
    expect(stopped.records.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(readDelimited('1\n2\n', ',', 2).stopped).toBe(false);
  });
});
