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
 * Records of the text, each with its 1-based record number (what a spreadsheet shows as the row
 * when it opens the file). `stopAfter` ends reading once that many non-empty records were seen,
 * so a file far over the row limit is refused without reading all of it.
 */
export function readDelimited(text: string, delimiter: string, stopAfter = Infinity): { records: string[][]; stopped: boolean } {
  const records: string[][] = [];
  let nonEmpty = 0;
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    if (record.some((cell) => cell !== '')) nonEmpty += 1;
    record = [];
    field = '';
    fieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
      fieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      if (nonEmpty > stopAfter) return { records, stopped: true };
    } else {
      // A quote inside an unquoted field is text (Excel writes 5" as 5").
      field += ch;
      fieldStart = false;
    }
  }
  // The last line without a line break; an unclosed quote keeps what it held.
  if (field !== '' || record.length > 0 || quoted) endRecord();
  return { records, stopped: false };
}
