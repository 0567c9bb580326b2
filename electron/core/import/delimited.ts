/**
 * CSV/TSV text to records (RFC 4180 quotes, any of CRLF, LF or CR), every field kept as the text it
 * is: no number, date or formula is ever guessed, so 01012345678 keeps its zero.
 */
export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Delimiters outside quotes, per line of the sample. */
function countsPerLine(sample: string, delimiter: string): number[] {
  const counts: number[] = [];
  let quoted = false;
  let count = 0;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) count += 1;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && sample[i + 1] === '\n') i += 1;
      counts.push(count);
      count = 0;
    }
  }
  if (count > 0) counts.push(count);
  return counts;
}

/**
 * The delimiter whose count is the same on most of the first lines (a sheet has the same number
 * of columns on every row); ties go to the earlier of , TAB ; |.
 */
export function detectDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const counts = countsPerLine(sample, delimiter).slice(0, 30);
    const tally = new Map<number, number>();
    for (const n of counts) if (n > 0) tally.set(n, (tally.get(n) ?? 0) + 1);
    let score = 0;
    for (const [, lines] of tally) score = Math.max(score, lines);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The non-empty records of the text, each with its 1-based record number (what a spreadsheet
 * shows as the row when it opens the file). `stopAfter` ends reading once that many non-empty records were seen,
 * so a file far over the row limit is refused without reading all of it.
 */
export function readDelimited(text: string, delimiter: string, stopAfter = Infinity): { records: DelimitedRecord[]; stopped: boolean } {
  // Empty records are counted but not kept: a file of a million blank lines costs no memory.
  const records: DelimitedRecord[] = [];
  let number = 0;
  const sep = delimiter.charCodeAt(0);
  const length = text.length;
  let nonEmpty = 0;
  let record: string[] = [];
  let i = 0;
  // Fields are sliced, not built a character at a time: 100,000 rows read in a fraction of the time.
  while (i < length) {
    let field: string;
    if (text.charCodeAt(i) === 0x22) {
      // Quoted: "" is one quote; after the closing quote, anything up to the delimiter is kept
      // (lenient, as Excel is); an unclosed quote keeps the rest of the file.
      let value = '';
      let at = i + 1;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) {
          value += text.slice(at);
          at = length;
          break;
        }
        value += text.slice(at, quote);
        if (text.charCodeAt(quote + 1) === 0x22) {
          value += '"';
          at = quote + 2;
        } else {
          at = quote + 1;
          break;
        }
      }
      let end = at;
      while (end < length && !isBreak(text.charCodeAt(end), sep)) end += 1;
      field = value + text.slice(at, end);
      i = end;
    } else {
      // Unquoted: a quote inside is text (Excel writes 5" as 5").
      let end = i;
      while (end < length && !isBreak(text.charCodeAt(end), sep)) end += 1;
      field = text.slice(i, end);
      i = end;
    }
    record.push(field);
    const code = i < length ? text.charCodeAt(i) : -1;
    if (code === sep) {
      i += 1;
      // A delimiter at the very end still opens one more (empty) field.
      if (i === length) record.push('');
      continue;
    }
    // A line break or the end of the text ends the record.
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i += 2;
    else if (code !== -1) i += 1;
    number += 1;
    if (record.some((cell) => cell !== '')) {
      records.push({ row: number, cells: record });
      nonEmpty += 1;
    }
    record = [];
    if (nonEmpty > stopAfter) return { records, stopped: true };
  }
  if (record.some((cell) => cell !== '')) records.push({ row: number + 1, cells: record });
  return { records, stopped: false };
}

export interface DelimitedRecord {
  /** 1-based record number: the row a spreadsheet shows when it opens the file. */
  row: number;
  cells: string[];
}

const isBreak = (code: number, sep: number) => code === sep || code === 0x0a || code === 0x0d;
