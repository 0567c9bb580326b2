import { createAppService, type AppService } from './app/app-service';
import type { Keychain } from './keychain/keychain';
import { createVaultService, type VaultService } from './vault/vault-service';

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
  /** The OS keychain by default; tests pass one with a per-run service name. */
  keychain?: Keychain;
}

export interface Core {
  app: AppService;
  vault: VaultService;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const vault = createVaultService({
    profileDir: options.profileDir,
    nativeBinding: options.nativeBinding,
    ...(options.keychain ? { keychain: options.keychain } : {}),
  });
  // Learn early whether the keychain works, so the locked screen can already warn; probe()
  // never throws, and until it answers the state is 'unknown'.
  vault.probeKeychain().catch(() => undefined);
  const app = createAppService({
    profileDir: options.profileDir,
    appVersion: options.appVersion,
    osLocales: options.osLocales,
    schemaVersion: () => vault.schemaVersion(),
    sqliteVersion: () => sqliteVersion(vault),
    vaultState: () => vault.state(),
    keychainState: () => vault.keychainState(),
  });
  return { app, vault, close: () => vault.close() };
}

function sqliteVersion(vault: VaultService): string {
  if (vault.state() !== 'unlocked') return 'unknown';
  return (vault.db().prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}
