import type { AppStatus } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import type { VaultService } from './vault-service';

export type LockedReason = NonNullable<AppStatus['lockedReason']>;

/**
 * At start (and on "try the keychain again") the vault opens by itself when the keychain holds
 * its key; otherwise this says why not, so the unlock screen can tell the person what to do.
 */
export async function unlockFromKeychainIfPossible(vault: VaultService): Promise<LockedReason | null> {
  // Probe even before setup: the setup screen must already warn when there is no keychain.
  const keychain = await vault.probeKeychain();
  // Without the database module nothing can open; the engine screen says so, not the unlock screen.
  if (vault.state() !== 'locked' || vault.engine() === 'missing') return null;
  if (keychain === 'unavailable') return 'keychain-unavailable';
  try {
    await vault.unlockFromKeychain();
    return null;
  } catch (error) {
    return lockedReasonFor(error);
  }
}

export function lockedReasonFor(error: unknown): LockedReason {
  if (!(error instanceof CofferError)) return 'unreadable';
  switch (error.code) {
    case 'RECOVERY_KEY_REQUIRED':
      return 'recovery-key-required';
    case 'KEYCHAIN_UNAVAILABLE':
      return 'keychain-error';
    default:
      return 'unreadable';
  }
}
