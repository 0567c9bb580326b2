/**
 * Working-day arithmetic on calendar days ('YYYY-MM-DD'), pure so it is tested without a vault.
 * A calendar overrides the weekday rule both ways: a 'holiday' is a day off even on a weekday,
 * a 'workday' is a working day even on a weekend (the mainland China make-up days, 调休).
 * Days are handled as UTC midnights so no time zone or daylight-saving change can move them.
 */
export type Calendar = ReadonlyMap<string, 'holiday' | 'workday'>;

const DAY_MS = 86_400_000;

function toTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function toDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addCalendarDays(day: string, days: number): string {
  return toDay(toTime(day) + days * DAY_MS);
}

export function isWorkingDay(day: string, calendar: Calendar): boolean {
  const override = calendar.get(day);
  if (override) return override === 'workday';
  const weekday = new Date(toTime(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day after `day` (the day itself does not count: a request received on a
 * Friday with 1 working day is due on Monday). n must be positive.
 */
export function addWorkingDays(day: string, n: number, calendar: Calendar): string {
  if (!Number.isInteger(n) || n < 1) throw new Error('working days must be a positive integer');
  let time = toTime(day);
  let left = n;
  // Bounded: even a year of holidays cannot make this loop forever.
  for (let guard = 0; guard < 3660; guard += 1) {
    time += DAY_MS;
    if (isWorkingDay(toDay(time), calendar)) left -= 1;
    if (left === 0) return toDay(time);
  }
  throw new Error('no working day found within ten years');
}

/**
 * The same day n months later; where that month is shorter, its last day (31 January + 1 month
 * is 28 or 29 February), as the usual reading of GDPR art. 12(3)'s "one month".
 */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return toDay(target.getTime());
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

export type Unit = 'working-days' | 'business-days' | 'calendar-days' | 'months';

/** `day` moved by `amount` of a deadline unit; business days ignore the holiday table (Mon-Fri). */
export function addPeriod(day: string, amount: number, unit: Unit, calendar: Calendar): string {
  switch (unit) {
    case 'working-days':
      return addWorkingDays(day, amount, calendar);
    case 'business-days':
      return addWorkingDays(day, amount, new Map());
    case 'calendar-days':
      return addCalendarDays(day, amount);
    case 'months':
      return addMonths(day, amount);
  }
}

/** A Date's calendar day in the machine's own zone (the shop's clock). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
