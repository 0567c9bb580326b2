import type { AppVersion } from '../../../shared/contract';
import { pickLocale, type Locale } from '../../../shared/locale';
import { readPreferences, writePreferences } from './preferences';

export interface AppServiceOptions {
  profileDir: string;
  appVersion: string;
  /** The OS's preferred languages, most preferred first. */
  osLocales: readonly string[];
  schemaVersion: () => number;
  sqliteVersion: () => string;
}

export interface AppService {
  locale(): Locale;
  version(): AppVersion;
  setLocale(locale: Locale): Locale;
}

export function createAppService(options: AppServiceOptions): AppService {
  let locale: Locale = readPreferences(options.profileDir).locale ?? pickLocale(options.osLocales);

  return {
    locale: () => locale,
    version: () => ({
      app: options.appVersion,
      schema: options.schemaVersion(),
      sqlite: options.sqliteVersion(),
      platform: process.platform,
    }),
    setLocale(next) {
      writePreferences(options.profileDir, { ...readPreferences(options.profileDir), locale: next });
      locale = next;
      return locale;
    },
  };
}
