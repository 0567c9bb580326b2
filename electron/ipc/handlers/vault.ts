import type { Core } from '../../core';
import { appendAudit } from '../../core/audit/audit-log';
import { auditActor } from '../../core/auth/session-service';
import { chooseBackupFolder } from '../../core/settings/backup-folder';
import { rotateKeyAudited } from '../../core/vault/rotate-key-audited';
import { requireSession, type Handler } from '../router';

/** First run, unlock, sign-in and sign-out: the channels that work before a session exists. */
export function vaultHandlers(core: Core): {
  'setup.begin': Handler<'setup.begin'>;
  'setup.complete': Handler<'setup.complete'>;
  'setup.pickBackupFile': Handler<'setup.pickBackupFile'>;
  'setup.restoreFromBackup': Handler<'setup.restoreFromBackup'>;
  'vault.unlockWithRecoveryKey': Handler<'vault.unlockWithRecoveryKey'>;
  'vault.retryKeychain': Handler<'vault.retryKeychain'>;
  'session.login': Handler<'session.login'>;
  'session.logout': Handler<'session.logout'>;
  'vault.rotateKey': Handler<'vault.rotateKey'>;
  'settings.chooseBackupFolder': Handler<'settings.chooseBackupFolder'>;
} {
  return {
    'setup.begin': ({ owner }, { caller }) => ({
      recoveryKey: core.firstRun.begin(caller.senderId, owner).recoveryKey,
      keychain: core.vault.keychainState(),
    }),
    'setup.complete': async ({ recoveryKeyEnding }, { caller }) => ({ user: await core.firstRun.complete(caller.senderId, recoveryKeyEnding) }),
    'setup.pickBackupFile': async (_input, { caller }) => ({ file: await core.newComputerRestore.pick(caller.senderId) }),
    'setup.restoreFromBackup': async ({ recoveryKey, acknowledgeLedgerProblem }, { caller }) => ({ restored: true as const, ...(await core.newComputerRestore.restore(caller.senderId, recoveryKey, acknowledgeLedgerProblem === true)) }),
    'vault.unlockWithRecoveryKey': async ({ recoveryKey }) => {
      await core.vault.unlockWithRecoveryKey(recoveryKey);
      return { vault: core.vault.state() };
    },
    'vault.retryKeychain': async () => {
      await core.retryKeychain();
      return { vault: core.vault.state() };
    },
    'session.login': async ({ username, password, code }, { caller }) => ({ user: await core.sessions.login(caller.senderId, username, password, code) }),
    'session.logout': (_input, { caller }) => ({ ended: core.sessions.end(caller.senderId) }),
    'vault.rotateKey': async ({ password }, { session }) => {
      await rotateKeyAudited({ sessions: core.sessions, vault: core.vault, audit: appendAudit }, requireSession(session), password);
      return { rotated: true as const };
    },
    'settings.chooseBackupFolder': async (_input, { session }) => ({
      folder: await chooseBackupFolder(() => core.vault.db(), core.pickFolder, { actor: auditActor(requireSession(session)), audit: appendAudit, now: () => new Date() }),
    }),
  };
}
