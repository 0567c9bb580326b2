import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '../../../shared/contract';
import { isLocale } from '../../../shared/locale';
import { writeFileAtomic } from '../platform/atomic-file';

/**
 * Non-secret, per-profile preferences readable before the vault is unlocked (the login screen
 * must already speak the user's language). Never put personal data here: it is not encrypted.
 */
export interface Preferences {
  locale?: Locale;
}

const FILE_NAME = 'preferences.json';

export function readPreferences(profileDir: string): Preferences {
  let raw: string;
  try {
    raw = fs.readFileSync(path.join(profileDir, FILE_NAME), 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && isLocale((parsed as { locale?: unknown }).locale)) {
      return { locale: (parsed as { locale: Locale }).locale };
    }
  } catch {
    // A damaged preferences file only costs the language choice; start from the OS default.
  }
  return {};
}

export function writePreferences(profileDir: string, prefs: Preferences): void {
  fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(path.join(profileDir, FILE_NAME), JSON.stringify(prefs));
}
