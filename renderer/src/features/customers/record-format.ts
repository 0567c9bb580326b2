import type { Locale } from '../../../../shared/contract';

/*
 * Dates on the record page through Intl in the user's language (zh-CN: 24-hour clock,
 * 2026年12月1日 14:05, "3 天前"). Kept here until the shared formatter (i18n/format.ts) lands;
 * then these three become calls to it.
 */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 days ago" / "3 天前", "in 2 hours" / "2 小时后"; under a minute reads as now. */
export function relativeTime(iso: string, locale: Locale, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'minute');
}

/** 2026年12月1日 14:05 / Dec 1, 2026, 14:05: a 24-hour clock in both languages. */
export function dateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, a birthday or a purchase) shown as a date, never shifted by the time zone. */
export function calendarDate(date: string, locale: Locale): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}
