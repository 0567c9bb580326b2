import { BUILT_IN_LEVEL_WORDS } from '../settings/levels';

/**
 * The built-in level words the customer list shows (renderer/src/i18n en.ts and zh-CN.ts,
 * 'level.*'): an export reads like the screen it came from. A unit test keeps the two in step.
 * A level the owner added or renamed is written with the owner's name (settings/levels.ts).
 */
export const LEVEL_WORDS = BUILT_IN_LEVEL_WORDS;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * `2026-12-01 14:05` in this computer's time zone, 24-hour: how people write a time in a sheet
 * (and what Excel and WPS recognise), not the stored ISO instant with its T and Z. Local getters
 * rather than Intl: three date columns at 100,000 rows would otherwise cost about a second.
 */
export function localDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** The offset of this computer's time zone at `at`, as `UTC+08:00`, for the cover sheet. */
export function utcOffset(at: Date): string {
  const minutes = -at.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
