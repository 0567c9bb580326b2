import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvEncoder, csvLine } from '../../../electron/core/export/csv-writer';
import { guardFormula } from '../../../electron/core/export/formula-guard';
import { HOSTILE } from './hostile-payloads';


describe('formula guard', () => {
  it.each(HOSTILE)('prefixes an apostrophe to %j', (payload) => {
    expect(guardFormula(payload)).toBe(`'${payload}`);
  });

  it.each(['-12.5', '+8613812345678', '42', '-0'])('leaves the plain number %j alone', (n) => {
    expect(guardFormula(n)).toBe(n);
  });

  it.each(['王伟', 'a=b', 'x@example.com', '', "'already"])('leaves ordinary text %j alone', (text) => {
    expect(guardFormula(text)).toBe(text);
  });
});

describe('csv', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and ends lines with CRLF', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', '\r'])).toBe('a,"b,c","say ""hi""","two\nlines","\r"\r\n');
  });

  it('UTF-8 starts with a BOM; GBK has none and counts what it cannot hold', () => {
    expect([...csvEncoder('utf8').start()]).toEqual([0xef, 0xbb, 0xbf]);
    const gbk = csvEncoder('gbk');
    expect(gbk.start().length).toBe(0);
    const bytes = gbk.encode('王伟,😀,𠮷,é,ok\r\n');
    expect(iconv.decode(bytes, 'gbk')).toBe('王伟,?,?,é,ok\r\n');
    expect(gbk.unencodable()).toBe(2);
  });
});
