import { randomBytes } from 'node:crypto';
import { CofferError } from '../../../shared/errors';
import { isBuiltInLevel, type BuiltInLevel } from '../../../shared/customers';
import type { Locale } from '../../../shared/locale';
import type { Db } from '../db/open-database';

/**
 * The levels a customer may have: the owner's list (managed_list_values, list 'level'), in the
 * owner's order. Every write of a customer's level goes through here (create, update, import,
 * merge), so an unknown level is a typed INVALID_INPUT with the reason `unknown_level` on the
 * field, never a constraint error; migration 23's triggers hold the same rule underneath.
 */

/** The app's words for the three built-in levels (renderer i18n 'level.*'; a unit test keeps them in step). */
export const BUILT_IN_LEVEL_WORDS: Record<Locale, Record<BuiltInLevel, string>> = {
  en: { vip: 'VIP', regular: 'Regular', prospect: 'Prospect' },
  'zh-CN': { vip: 'VIP', regular: '普通', prospect: '潜在客户' },
};

export interface LevelRow {
  value: string;
  label: string | null;
}

export function levelRows(db: Db): LevelRow[] {
  return db.prepare("SELECT value, label FROM managed_list_values WHERE list = 'level' ORDER BY position, value").all() as LevelRow[];
}

/** A level's name as the screen shows it: the owner's label, else the app's word in `locale`. */
export function levelName(row: LevelRow, locale: Locale): string {
  if (row.label !== null) return row.label;
  return isBuiltInLevel(row.value) ? BUILT_IN_LEVEL_WORDS[locale][row.value] : row.value;
}

/** Key -> shown name, for a whole export or import at once. */
export function levelNames(db: Db, locale: Locale): Map<string, string> {
  return new Map(levelRows(db).map((row) => [row.value, levelName(row, locale)]));
}

export function isKnownLevel(db: Db, level: string): boolean {
  return db.prepare("SELECT 1 FROM managed_list_values WHERE list = 'level' AND value = ?").get(level) !== undefined;
}

export function unknownLevel(): CofferError {
  return new CofferError('INVALID_INPUT', 'That level is not in the list of levels any more. Reload and choose another.', { level: 'unknown_level' });
}

export function assertKnownLevel(db: Db, level: string | null | undefined): string {
  if (typeof level !== 'string' || !isKnownLevel(db, level)) throw unknownLevel();
  return level;
}

/** A new customer's level when none is given: Regular while the list has it, else the owner's first. */
export function defaultLevel(db: Db): string {
  if (isKnownLevel(db, 'regular')) return 'regular';
  const first = levelRows(db)[0];
  if (!first) throw new CofferError('INTERNAL', 'The list of levels is empty.');
  return first.value;
}

/** A stable key for a level the owner adds: generated, never the name, so a rename touches no customer. */
export function newLevelKey(db: Db): string {
  for (;;) {
    const key = `lv_${randomBytes(4).toString('hex')}`;
    if (!isKnownLevel(db, key)) return key;
  }
}
