import { INTERACTION_FUTURE_SLACK_MS } from '../../../../shared/activity';
import { MAX_AMOUNT_MINOR } from '../../../../shared/channels/activity';

/** Why an amount typed into a purchase is refused; main sends the same reasons as amount_<reason>. */
export type AmountProblem = 'notNumber' | 'negative' | 'decimals' | 'tooLarge';

const FROM_MAIN: Record<string, AmountProblem> = {
  amount_not_a_number: 'notNumber',
  amount_negative: 'negative',
  amount_too_many_decimals: 'decimals',
  amount_too_large: 'tooLarge',
};

/** The reason main gave for a refused amount (router field reason), if it gave one. */
export function amountProblemFromMain(fields: Record<string, string> | undefined): AmountProblem | null {
  return FROM_MAIN[fields?.amountMinor ?? ''] ?? null;
}

/**
 * "128", "128.5", "1,280.00", "１２８" -> integer minor units, or the reason it is not an amount.
 * Thousands separators (, ，) and spaces are ignored; full-width digits count as digits.
 */
export function parseAmount(text: string): { minor: number } | { problem: AmountProblem } {
  const plain = text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  const negative = plain.startsWith('-') || plain.startsWith('−');
  const digits = negative ? plain.slice(1) : plain;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(digits);
  if (!match) return { problem: 'notNumber' };
  if (negative && Number(digits) !== 0) return { problem: 'negative' };
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { problem: 'decimals' };
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  if (whole.length > 12) return { problem: 'tooLarge' };
  const minor = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return minor > MAX_AMOUNT_MINOR ? { problem: 'tooLarge' } : { minor };
}

/** Minor units back to what the amount field shows when an entry is edited ("1280.50"). */
export function amountText(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date and a 24-hour time ("2026-12-01", "14:05") for the interaction time fields. */
export function localParts(date: Date): { day: string; time: string } {
  return { day: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, time: `${pad(date.getHours())}:${pad(date.getMinutes())}` };
}

/** The instant the two fields name in this computer's time zone, or null if they name none. */
export function fromLocalParts(day: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(time.trim());
  if (!d || !t) return null;
  const at = new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  return at.getDate() === Number(d[3]) ? at : null;
}

/** Whether an interaction time lies too far ahead (main refuses the same, by its own clock). */
export function isInFuture(at: Date, now = Date.now()): boolean {
  return at.getTime() > now + INTERACTION_FUTURE_SLACK_MS;
}
