import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach } from 'vitest';
import { APPROVAL_OPERATIONS, DEFAULT_APPROVAL_POLICY } from '../../shared/approvals';
import type { Core } from '../../electron/core';
import type { Session } from '../../electron/core/auth/session-service';
import { createKeytarKeychain, type Keychain } from '../../electron/core/keychain/keychain';
import { createVaultService, type VaultService, type VaultServiceOptions } from '../../electron/core/vault/vault-service';
import { tempDir } from '../support/tmp';

export const OWNER = { username: 'anna', displayName: 'Anna Example', password: 'Correct horse 9' };

/** A keychain on the real Secret Service, under a service name no other run shares. */
export function testKeychain(): { keychain: Keychain; serviceName: string } {
  const serviceName = `Coffer-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const keychain = createKeytarKeychain(serviceName);
  used.push({ keychain, accounts: new Set() });
  const entry = used[used.length - 1]!;
  // Remember every account written so afterEach can remove it.
  const tracked: Keychain = {
    ...keychain,
    set: (account, secret) => {
      entry.accounts.add(account);
      return keychain.set(account, secret);
    },
  };
  entry.keychain = keychain;
  return { keychain: tracked, serviceName };
}

const used: { keychain: Keychain; accounts: Set<string> }[] = [];
afterEach(async () => {
  for (const { keychain, accounts } of used.splice(0)) {
    for (const account of accounts) await keychain.delete(account).catch(() => false);
  }
});

export function newProfile(): string {
  return path.join(tempDir(), 'profile');
}

export function vaultFor(profileDir: string, keychain: Keychain, extra: Partial<VaultServiceOptions> = {}): VaultService {
  return createVaultService({ profileDir, keychain, ...extra });
}

export async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

/**
 * For tests NOT about approvals: switches every operation's approval off, through core, as the
 * owner may alone in a one-owner vault (audited approval.policy). The default stays on; a
 * manager's export still needs approval (the permission table says so, not the policy).
 */
export function approvalsOff(core: Core, owner: Session): void {
  const operations = Object.fromEntries(APPROVAL_OPERATIONS.map((op) => [op, false]));
  core.approvals.setPolicy(owner, { ...DEFAULT_APPROVAL_POLICY, operations });
}
