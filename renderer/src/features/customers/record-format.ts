import type { Locale } from '../../../../shared/contract';
import { formatDate, formatDateTime, formatRelative } from '../../i18n/format';

/*
 * Dates on the record page: thin names over the shared formatter (i18n/format.ts), so the record
 * reads exactly like every other screen (zh-CN 2026年12月1日 14:05, "3天前").
 */

/** "3 days ago" / "3天前", "in 2 hours" / "2小时后", "just now" / "刚刚". */
export function relativeTime(iso: string, locale: Locale, now = Date.now()): string {
  return formatRelative(locale, iso, now);
}

/** 2026年12月1日 14:05 / Dec 1, 2026, 2:05 PM. */
export function dateTime(iso: string, locale: Locale): string {
  return formatDateTime(locale, iso);
}

/** A calendar date (YYYY-MM-DD, a birthday or a purchase) shown as a date, never shifted by the time zone. */
export function calendarDate(date: string, locale: Locale): string {
  return formatDate(locale, date);
}
