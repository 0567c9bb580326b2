import path from 'node:path';
import type { Keychain } from '../keychain/keychain';
import { DESCRIPTOR_FILE } from './descriptor';
import type { VaultFs } from './vault-fs';

export type KeychainState = 'available' | 'unavailable' | 'unknown';

export const DB_FILE = 'coffer.db';

/** What setup, unlock and rotation share. keychainState is updated by whoever last used it. */
export interface VaultContext {
  profileDir: string;
  dbFile: string;
  descriptorFile: string;
  keychain: Keychain;
  vfs: VaultFs;
  nativeBinding: string | undefined;
  keychainState: KeychainState;
}

export function makeContext(profileDir: string, keychain: Keychain, vfs: VaultFs, nativeBinding: string | undefined): VaultContext {
  return {
    profileDir,
    dbFile: path.join(profileDir, DB_FILE),
    descriptorFile: path.join(profileDir, DESCRIPTOR_FILE),
    keychain,
    vfs,
    nativeBinding,
    keychainState: 'unknown',
  };
}
