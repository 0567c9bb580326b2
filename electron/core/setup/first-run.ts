import type { SessionUser } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import type { SessionService } from '../auth/session-service';
import { findUserByUsername } from '../users/user-repository';
import { generateRecoveryKey, normalizeRecoveryKeyText } from '../vault/recovery-key';
import { validateSetupInput, type SetupInput } from '../vault/setup';
import type { VaultService } from '../vault/vault-service';

/**
 * First run in two steps, so the owner cannot end up with a vault whose recovery key they never
 * saw: begin() shows a recovery key but writes nothing; complete() creates the vault only after
 * the owner confirmed they stored the key and typed back its end. A crash in between leaves
 * "needs setup" and a fresh key next time.
 */
export interface FirstRunService {
  begin(senderId: string, owner: SetupInput['owner']): { recoveryKey: string };
  complete(senderId: string, recoveryKeyEnding: string): Promise<SessionUser>;
}

interface Pending {
  owner: SetupInput['owner'];
  recovery: { secret: Buffer; text: string };
  expiresAt: number;
}

/** The pending key is dropped if setup is left half-way for this long. */
const PENDING_LIFETIME_MS = 60 * 60 * 1000;
/** How many characters (two groups of four) the owner types back. */
const ENDING_CHARS = 8;

export function createFirstRunService(deps: { vault: VaultService; sessions: SessionService; now?: () => number }): FirstRunService {
  const now = deps.now ?? Date.now;
  const pending = new Map<string, Pending>();

  function drop(senderId: string): void {
    pending.get(senderId)?.recovery.secret.fill(0);
    pending.delete(senderId);
  }

  return {
    begin(senderId, owner) {
      // Before the recovery key is shown: a setup that cannot finish must not hand one out.
      deps.vault.requireEngine();
      if (deps.vault.state() !== 'needs-setup') throw new CofferError('VAULT_ALREADY_SET_UP', 'This computer already has a vault. Sign in instead.');
      validateSetupInput({ owner });
      drop(senderId);
      const recovery = generateRecoveryKey();
      pending.set(senderId, { owner, recovery, expiresAt: now() + PENDING_LIFETIME_MS });
      return { recoveryKey: recovery.text };
    },
    async complete(senderId, recoveryKeyEnding) {
      const entry = pending.get(senderId);
      if (!entry || entry.expiresAt < now()) {
        drop(senderId);
        throw new CofferError('CONFLICT', 'Setup was interrupted. Start again: a new recovery key will be shown.');
      }
      const expected = normalizeRecoveryKeyText(entry.recovery.text).slice(-ENDING_CHARS);
      if (normalizeRecoveryKeyText(recoveryKeyEnding) !== expected) {
        throw new CofferError('INVALID_INPUT', 'That is not the end of your recovery key.', { recoveryKeyEnding: 'mismatch' });
      }
      pending.delete(senderId);
      await deps.vault.setup({ owner: entry.owner, recovery: entry.recovery });
      const user = findUserByUsername(deps.vault.db(), entry.owner.username.trim());
      if (!user) throw new CofferError('INTERNAL', 'The owner account was not created. Your data is unchanged.');
      return deps.sessions.start(senderId, user);
    },
  };
}
