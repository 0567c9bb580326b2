import { useMemo } from 'react';
import type { Locale } from '../../../shared/locale';
import { useAppStore } from '../stores/app-store';

/**
 * Dates, times, numbers and money in the language the user chose, all through Intl. Chinese readers
 * get the 24-hour clock (`2026年12月1日 14:05`); English readers get what they expect
 * (`Dec 1, 2026, 2:05 PM`). Every screen formats through here so the two languages never drift.
 */

/** An ISO instant, a 'YYYY-MM-DD' calendar day, epoch milliseconds or a Date. */
export type When = string | number | Date;

export interface FormatOptions {
  /** The zone to read instants in; the OS zone when absent (tests pin it). */
  timeZone?: string | undefined;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

// Newer ICU data puts a narrow no-break space before AM/PM; one plain space keeps text searchable.
const tidy = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

function dateFormat(locale: Locale, kind: 'dateTime' | 'date' | 'monthDay' | 'time' | 'parts', timeZone: string | undefined): Intl.DateTimeFormat {
  return cached(`dt|${locale}|${kind}|${timeZone ?? ''}`, () => {
    const zone = timeZone === undefined ? {} : { timeZone };
    // hourCycle only for Chinese: English keeps its 12-hour clock.
    const clock = locale === 'zh-CN' ? { hourCycle: 'h23' as const } : {};
    switch (kind) {
      case 'dateTime':
        return new Intl.DateTimeFormat(locale, { dateStyle: locale === 'zh-CN' ? 'long' : 'medium', timeStyle: 'short', ...clock, ...zone });
      case 'date':
        return new Intl.DateTimeFormat(locale, { dateStyle: locale === 'zh-CN' ? 'long' : 'medium', ...zone });
      case 'monthDay':
        return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', ...zone });
      case 'time':
        return new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...clock, ...zone });
      case 'parts':
        return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...zone });
    }
  });
}

/** A calendar day kept as UTC midnight, so formatting it in UTC never moves it to the day before. */
function dayOnly(value: When): Date | null {
  if (typeof value !== 'string') return null;
  const match = DATE_ONLY.exec(value);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

function instant(value: When): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** What an unreadable value shows: itself, so nothing silently disappears. */
const raw = (value: When | null | undefined): string => (value === null || value === undefined ? '' : String(value));

export function formatDateTime(locale: Locale, value: When | null | undefined, options: FormatOptions = {}): string {
  if (value === null || value === undefined) return '';
  // A purchase day has no time; showing it as midnight would invent one.
  if (dayOnly(value)) return formatDate(locale, value, options);
  const date = instant(value);
  return date ? tidy(dateFormat(locale, 'dateTime', options.timeZone).format(date)) : raw(value);
}

export function formatDate(locale: Locale, value: When | null | undefined, options: FormatOptions = {}): string {
  if (value === null || value === undefined) return '';
  const day = dayOnly(value);
  if (day) return tidy(dateFormat(locale, 'date', 'UTC').format(day));
  const date = instant(value);
  return date ? tidy(dateFormat(locale, 'date', options.timeZone).format(date)) : raw(value);
}

/** A short day for chart axes: "12月1日" / "Dec 1". */
export function formatMonthDay(locale: Locale, value: When | null | undefined, options: FormatOptions = {}): string {
  if (value === null || value === undefined) return '';
  const day = dayOnly(value);
  if (day) return tidy(dateFormat(locale, 'monthDay', 'UTC').format(day));
  const date = instant(value);
  return date ? tidy(dateFormat(locale, 'monthDay', options.timeZone).format(date)) : raw(value);
}

export function formatTime(locale: Locale, value: When | null | undefined, options: FormatOptions = {}): string {
  if (value === null || value === undefined || dayOnly(value)) return '';
  const date = instant(value);
  return date ? tidy(dateFormat(locale, 'time', options.timeZone).format(date)) : raw(value);
}

/** Days since 1970 of the calendar day `date` falls on in the zone (date-only values are their own day). */
function dayNumber(value: When, timeZone: string | undefined): number | null {
  const day = dayOnly(value);
  if (day) return day.getTime() / 86_400_000;
  const date = instant(value);
  if (!date) return null;
  const [y, m, d] = dateFormat('en', 'parts', timeZone).format(date).split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

const JUST_NOW: Record<Locale, string> = { 'zh-CN': '刚刚', en: 'just now' };

/**
 * "3 days ago" / "3天前", "yesterday" / "昨天", "in 3 days" / "3天后". Under a minute ago is "just now";
 * within the same calendar day it counts minutes then hours; across days it counts calendar days, so
 * last night at 23:00 is "yesterday" at 01:00, not "2 hours ago".
 */
export function formatRelative(locale: Locale, value: When | null | undefined, now: When = Date.now(), options: FormatOptions = {}): string {
  if (value === null || value === undefined) return '';
  const rtf = cached(`rt|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const then = dayNumber(value, options.timeZone);
  const today = dayNumber(now, options.timeZone);
  const at = instant(value);
  const current = instant(now);
  if (then === null || today === null || !current) return raw(value);
  const days = then - today;
  if (!dayOnly(value) && at && days === 0) {
    const seconds = (at.getTime() - current.getTime()) / 1000;
    if (seconds <= 0 && seconds > -60) return JUST_NOW[locale];
    const minutes = Math.trunc(seconds / 60) || Math.sign(seconds);
    if (Math.abs(minutes) < 60) return tidy(rtf.format(minutes, 'minute'));
    return tidy(rtf.format(Math.trunc(minutes / 60), 'hour'));
  }
  if (Math.abs(days) <= 30) return tidy(rtf.format(days, 'day'));
  const [ty, tm] = dateFormat('en', 'parts', 'UTC').format(new Date(today * 86_400_000)).split('-').map(Number) as [number, number];
  const [vy, vm] = dateFormat('en', 'parts', 'UTC').format(new Date(then * 86_400_000)).split('-').map(Number) as [number, number];
  const months = vy * 12 + vm - (ty * 12 + tm);
  if (Math.abs(months) < 12) return tidy(rtf.format(months, 'month'));
  return tidy(rtf.format(Math.trunc(months / 12), 'year'));
}

export function formatNumber(locale: Locale, value: number): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** An honest count: when a list stopped at `cap`, "200+" rather than pretending it found exactly 200. */
export function formatCount(locale: Locale, value: number, cap?: number): string {
  return cap !== undefined && value > cap ? `${formatNumber(locale, cap)}+` : formatNumber(locale, value);
}

/**
 * Money is integer minor units (hundredths) end to end; it reaches Intl as an exact decimal string,
 * so no floating point rounding touches it. zh-CN CNY reads `¥1,234.50`.
 */
export function formatMoney(locale: Locale, amountMinor: number, currency: string): string {
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  const decimal = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  try {
    const format = cached(`m|${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency }));
    return tidy(format.format(decimal as unknown as number));
  } catch {
    // Not a currency code Intl knows: the amount with two decimals, then whatever was stored.
    const plain = cached(`m2|${locale}`, () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    return `${plain.format(decimal as unknown as number)} ${currency}`.trim();
  }
}

function unit(locale: Locale, value: number, name: string): string {
  return tidy(cached(`u|${locale}|${name}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, maximumFractionDigits: 1 })).format(value));
}

/** A file size: "12 kB", "1.5 MB" (whole kilobytes below a megabyte; never "0 kB" for a file with bytes). */
export function formatFileSize(locale: Locale, bytes: number): string {
  return bytes < 1024 * 1024 ? unit(locale, Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / 1024)), 'kilobyte') : unit(locale, bytes / 1024 / 1024, 'megabyte');
}

/** A length of time in the largest unit that keeps it readable: "2.3秒", "12 min", "1.5小时". */
export function formatDuration(locale: Locale, ms: number): string {
  if (Math.abs(ms) < 60_000) return unit(locale, ms / 1000, 'second');
  if (Math.abs(ms) < 3_600_000) return unit(locale, ms / 60_000, 'minute');
  return unit(locale, ms / 3_600_000, 'hour');
}

export interface Format {
  locale: Locale;
  dateTime(value: When | null | undefined): string;
  date(value: When | null | undefined): string;
  monthDay(value: When | null | undefined): string;
  time(value: When | null | undefined): string;
  relative(value: When | null | undefined, now?: When): string;
  number(value: number): string;
  count(value: number, cap?: number): string;
  money(amountMinor: number, currency: string): string;
  fileSize(bytes: number): string;
  duration(ms: number): string;
}

/** All the formatters bound to one language (and, for tests, one time zone). */
export function formatFor(locale: Locale, options: FormatOptions = {}): Format {
  return {
    locale,
    dateTime: (value) => formatDateTime(locale, value, options),
    date: (value) => formatDate(locale, value, options),
    monthDay: (value) => formatMonthDay(locale, value, options),
    time: (value) => formatTime(locale, value, options),
    relative: (value, now) => formatRelative(locale, value, now, options),
    number: (value) => formatNumber(locale, value),
    count: (value, cap) => formatCount(locale, value, cap),
    money: (amountMinor, currency) => formatMoney(locale, amountMinor, currency),
    fileSize: (bytes) => formatFileSize(locale, bytes),
    duration: (ms) => formatDuration(locale, ms),
  };
}

/** The formatters in the language the user chose; re-renders when they switch. */
export function useFormat(): Format {
  const locale = useAppStore((state) => state.locale);
  return useMemo(() => formatFor(locale), [locale]);
}
