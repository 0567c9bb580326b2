import { CofferError } from '../../../shared/errors';
import type { VaultContext } from './context';

/**
 * Database keys in the OS keychain. The account names derive from the random vault id, never
 * from the key; the stored value is `<keyId>:<hex key>` so a stale entry is recognised as such.
 * The pending account exists only while a rotation is in flight.
 */
export interface CandidateKey {
  keyId: string;
  key: Buffer;
}

export const currentAccount = (vaultId: string): string => `vault-${vaultId}`;
export const pendingAccount = (vaultId: string): string => `vault-${vaultId}-pending`;

const ENTRY = /^([0-9a-f]{16,64}):([0-9a-f]{64})$/;

export function encodeEntry(candidate: CandidateKey): string {
  return `${candidate.keyId}:${candidate.key.toString('hex')}`;
}

function decodeEntry(value: string | null): CandidateKey | undefined {
  const match = value ? ENTRY.exec(value) : null;
  return match ? { keyId: match[1]!, key: Buffer.from(match[2]!, 'hex') } : undefined;
}

/** The keys found in the keychain. Throws KEYCHAIN_UNAVAILABLE and records it. */
export async function readKeychainEntries(ctx: VaultContext, vaultId: string): Promise<{ current?: CandidateKey | undefined; pending?: CandidateKey | undefined }> {
  try {
    const current = decodeEntry(await ctx.keychain.get(currentAccount(vaultId)));
    const pending = decodeEntry(await ctx.keychain.get(pendingAccount(vaultId)));
    ctx.keychainState = 'available';
    return { current, pending };
  } catch (error) {
    if (error instanceof CofferError && error.code === 'KEYCHAIN_UNAVAILABLE') ctx.keychainState = 'unavailable';
    throw error;
  }
}

/** Runs a keychain write; returns false (and records it) if the keychain is unavailable. */
export async function tryKeychain(ctx: VaultContext, action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    ctx.keychainState = 'available';
    return true;
  } catch (error) {
    if (error instanceof CofferError && error.code === 'KEYCHAIN_UNAVAILABLE') {
      ctx.keychainState = 'unavailable';
      return false;
    }
    throw error;
  }
}
