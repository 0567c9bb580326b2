import { CofferError } from '../../../shared/errors';

export type KeychainProbe = 'available' | 'unavailable';

/** The OS secret store, reduced to what the vault needs. Secrets never appear in errors. */
export interface Keychain {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  probe(): Promise<KeychainProbe>;
}

/** The part of keytar this module uses; a test may pass a stand-in that fails like the real one. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const PROBE_ACCOUNT = 'coffer-keychain-probe';

/**
 * keytar is loaded on first use, not at import: on a Linux without libsecret the require itself
 * throws, and the app must still start and offer the recovery key.
 */
export function createKeytarKeychain(
  serviceName = 'Coffer',
  load: () => Promise<KeytarModule> = loadKeytar,
): Keychain {
  let module: Promise<KeytarModule> | undefined;
  function keytar(): Promise<KeytarModule> {
    // A failed load is retried on the next call: the user may install libsecret meanwhile.
    module ??= load().catch((error: unknown) => {
      module = undefined;
      throw error;
    });
    return module;
  }
  async function call<T>(fn: (k: KeytarModule) => Promise<T>): Promise<T> {
    try {
      return await fn(await keytar());
    } catch (error) {
      throw mapKeychainError(error);
    }
  }
  return {
    get: (account) => call((k) => k.getPassword(serviceName, account)),
    set: (account, secret) => call((k) => k.setPassword(serviceName, account, secret)),
    delete: (account) => call((k) => k.deletePassword(serviceName, account)),
    async probe() {
      try {
        await call((k) => k.getPassword(serviceName, PROBE_ACCOUNT));
        return 'available';
      } catch {
        return 'unavailable';
      }
    },
  };
}

async function loadKeytar(): Promise<KeytarModule> {
  const mod = (await import('keytar')) as KeytarModule & { default?: KeytarModule };
  return mod.default ?? mod;
}

/**
 * The OS's own messages (often D-Bus jargon) become one code and a sentence saying what to do.
 * Only our sentence is kept: the original could, in principle, echo what was being stored.
 */
export function mapKeychainError(error: unknown): CofferError {
  if (error instanceof CofferError) return error;
  const text = error instanceof Error ? error.message : String(error);
  let reason: string;
  if (/Cannot autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket/i.test(text)) {
    reason = 'There is no desktop session bus, so the system keychain cannot be reached. Log in to a desktop session, or unlock with your recovery key.';
  } else if (/org\.freedesktop\.secrets was not provided|No such secret collection|ServiceUnknown/i.test(text)) {
    reason = 'No keychain service (such as GNOME Keyring or KWallet) is installed or running. Install or start one, or unlock with your recovery key.';
  } else if (/locked collection|is locked|user canceled|User interaction is not allowed|-128|-25308/i.test(text)) {
    reason = 'The system keychain is locked. Unlock it (for example by logging in again), or unlock with your recovery key.';
  } else if (/Cannot find module|libsecret|cannot open shared object/i.test(text)) {
    reason = 'The system keychain library is missing on this computer. Install libsecret, or unlock with your recovery key.';
  } else {
    reason = 'The system keychain did not respond. Try again, or unlock with your recovery key.';
  }
  return new CofferError('KEYCHAIN_UNAVAILABLE', reason);
}
