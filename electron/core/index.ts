import { createAppService, type AppService } from './app/app-service';

/**
 * Everything the product does, as plain Node. Electron's main process and the tests build the
 * same Core; only where it lives (profileDir) and what the OS says (locales) differ.
 */
export interface CoreOptions {
  profileDir: string;
  appVersion: string;
  osLocales: readonly string[];
  /** Path to a better-sqlite3 build for the running runtime (Electron); undefined under Node. */
  nativeBinding?: string;
}

export interface Core {
  app: AppService;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const app = createAppService({
    profileDir: options.profileDir,
    appVersion: options.appVersion,
    osLocales: options.osLocales,
    schemaVersion: () => 0,
    sqliteVersion: () => 'unknown',
    vaultState: () => 'needs-setup',
    keychainState: () => 'unknown',
  });
  return { app, close: () => undefined };
}
