import iconv from 'iconv-lite';

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Encodes CSV text chunk by chunk. UTF-8 starts with a BOM so Excel and WPS open Chinese text
 * correctly; GBK (for older Excel on Chinese Windows) has no BOM, and characters it cannot hold
 * (emoji, rare CJK outside GBK) are written as '?' and counted so the person is told.
 */
export function csvEncoder(encoding: 'utf8' | 'gbk'): { start(): Buffer; encode(text: string): Buffer; unencodable(): number } {
  let missing = 0;
  const known = new Map<number, boolean>();
  const fits = (codePoint: number): boolean => {
    let ok = known.get(codePoint);
    if (ok === undefined) {
      const char = String.fromCodePoint(codePoint);
      ok = iconv.decode(iconv.encode(char, 'gbk'), 'gbk') === char;
      known.set(codePoint, ok);
    }
    return ok;
  };
  return {
    start: () => (encoding === 'utf8' ? UTF8_BOM : Buffer.alloc(0)),
    encode(text) {
      if (encoding === 'utf8') return Buffer.from(text, 'utf8');
      for (const char of text) {
        const codePoint = char.codePointAt(0)!;
        if (codePoint >= 0x80 && !fits(codePoint)) missing++;
      }
      return iconv.encode(text, 'gbk');
    },
    unencodable: () => missing,
  };
}
