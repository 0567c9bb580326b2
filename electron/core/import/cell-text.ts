/**
 * Cell text as the import uses it. Coffer's own exports put an apostrophe before text that a
 * spreadsheet would run as a formula (export/formula-guard.ts); reading such a file back must
 * give the original value, so the apostrophe goes again, and only before those same triggers.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']);

export function unguard(text: string): string {
  return text.length > 1 && text[0] === "'" && TRIGGERS.has(text[1]!) ? text.slice(1) : text;
}

/**
 * One spelling per value: the export guard removed, NFKC (full-width digits and letters, （）),
 * every run of whitespace (tabs, line breaks, ideographic spaces) one space, trimmed.
 */
export function cleanCell(text: string): string {
  if (text === '') return text;
  const value = unguard(text);
  // Most cells (phones, IDs, e-mails) are printable ASCII with single inner spaces: NFKC and the
  // whitespace rules change nothing there, and skipping them halves the time of a large file.
  if (PLAIN_ASCII.test(value)) return value;
  // Line breaks stay (a note typed with Alt+Enter keeps its lines); the import service joins the
  // lines of single-line fields. Other whitespace runs become one space, per line.
  return value
    .normalize('NFKC')
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .trim();
}

const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** Significant digits of a number's shortest round-trip spelling (what the file stored). */
export function significantDigits(value: number): number {
  const mantissa = Math.abs(value).toExponential().split('e')[0]!;
  return mantissa.replace('.', '').replace(/0+$/, '').length || 1;
}

/** 1.5e+21 or 1e-7 written out in plain digits: a person never typed an exponent. */
function plain(spelled: string): string {
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(spelled);
  if (!match) return spelled;
  const [, sign, lead, rest = '', exp] = match;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A numeric cell as text: integers in full without an exponent (an ID typed as a number keeps
 * what the file kept), fractions at Excel's 15 significant digits (0.1+0.2 reads 0.3).
 */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return plain(String(value));
  const spelled = significantDigits(value) > 15 ? String(Number(value.toPrecision(15))) : String(value);
  return plain(spelled);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date-formatted serial as ISO text (2024-03-05, with the time when it has one). */
export function dateText(parts: { y: number; m: number; d: number; H: number; M: number; S: number }, serial: number): string {
  const time = `${pad(parts.H)}:${pad(parts.M)}:${pad(parts.S)}`;
  if (serial >= 0 && serial < 1) return time;
  const date = `${pad(parts.y, 4)}-${pad(parts.m)}-${pad(parts.d)}`;
  return parts.H || parts.M || parts.S ? `${date} ${time}` : date;
}
