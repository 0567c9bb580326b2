import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import { recordRestore } from '../audit/audit-anchors';
import { appendAudit } from '../audit/audit-log';
import { countCustomers } from '../customers/customer-repository';
import { DESCRIPTOR_FILE, writeDescriptor } from '../vault/descriptor';
import { DB_FILE } from '../vault/context';
import { parseRecoveryKey } from '../vault/recovery-key';
import { nodeVaultFs } from '../vault/vault-fs';
import type { VaultService } from '../vault/vault-service';
import { classifyBackupFile } from './backup-files';
import { drillBackup, extractBackup, type DrillReport } from './backup-jobs';
import type { JobRunner } from './job-runner';
import { keyFromRecovery, readHeader } from './container';

function requireNoVault(vault: VaultService): void {
  vault.requireEngine();
  if (vault.state() !== 'needs-setup') throw new CofferError('VAULT_ALREADY_SET_UP', 'This computer already has a vault. Restore from the Backups page instead.');
}

/**
 * A new computer (or a wiped one): an empty profile, an empty keychain, a backup file and the
 * recovery key. The backup is drilled first (every check must pass), then the database and a
 * descriptor rebuilt from the container's header are put in place, and the vault is unlocked
 * with the recovery key, which puts the database key into this computer's keychain.
 * vault.json is written before the database, so a crash in between leaves "needs setup" and
 * the restore can simply be run again.
 */
export async function restoreOnNewComputer(
  vault: VaultService,
  profileDir: string,
  file: string,
  recoveryKeyText: string,
  /** The app passes its worker runner (and Electron's SQLite build) so the window stays responsive; tests and the CLI run inline. */
  options: { jobs?: Pick<JobRunner, 'drill' | 'extract'>; nativeBinding?: string | undefined } = {},
): Promise<DrillReport> {
  const jobs = options.jobs ?? { drill: drillBackup, extract: extractBackup };
  const nativeBinding = options.nativeBinding;
  requireNoVault(vault);
  const secret = parseRecoveryKey(recoveryKeyText);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-restore-'));
  try {
    const report = await jobs.drill({ file, recoverySecret: secret, nativeBinding, scratchDir: scratch, now: new Date().toISOString() }, () => {});
    if (!report.passed) {
      // The drill's key check fails for a damaged header too: only its WRONG_KEY means the key.
      if (report.firstFailure === 'key' && report.checks[0]?.detail === 'WRONG_KEY') throw new CofferError('WRONG_KEY', 'This recovery key does not open this backup. Check that both belong to the same vault.');
      throw new CofferError('BACKUP_CORRUPT', 'This backup did not pass its checks, so it was not restored. Try an older backup.');
    }
    const header = await readHeader(file);
    const key = await keyFromRecovery(header, secret);
    fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 });
    writeDescriptor(nodeVaultFs, path.join(profileDir, DESCRIPTOR_FILE), {
      format: 1,
      vaultId: header.vaultId,
      recovery: { kdf: header.kdf, scheme: 'x25519-hkdf-sha256-aes-256-gcm', publicKey: header.recoveryPublicKey },
      keys: { current: header.wrappedKey },
    });
    const incoming = path.join(profileDir, `${DB_FILE}.restoring`);
    await jobs.extract({ file, key, dest: incoming, nativeBinding }, () => {}).finally(() => key.fill(0));
    fs.renameSync(incoming, path.join(profileDir, DB_FILE));
    await vault.unlockWithRecoveryKey(recoveryKeyText);
    const db = vault.db();
    db.transaction(() => {
      if (report.backupCreatedAt) recordRestore(db, report.backupCreatedAt, new Date());
      appendAudit(db, { actor: null, action: 'backup.restore', outcome: 'ok', reason: `${path.basename(file)}; new computer` }, new Date());
    })();
    return report;
  } finally {
    secret.fill(0);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Shows an open-file dialog; main uses Electron's. Resolves to the chosen path or null. */
export type PickFile = () => Promise<string | null>;

/**
 * The setup screen's "Restore from a backup": the path the owner picked stays here in main, per
 * window, and the page only ever sees the file's name, size and date.
 */
export function createNewComputerRestore(deps: { vault: VaultService; profileDir: string; pickFile: PickFile; runner: JobRunner; nativeBinding: string | undefined }) {
  const picked = new Map<string, string>();
  return {
    async pick(senderId: string): Promise<{ name: string; size: number; at: string | null } | null> {
      requireNoVault(deps.vault);
      const file = await deps.pickFile();
      if (!file) return null;
      await readHeader(file); // not a Coffer backup: BACKUP_CORRUPT, and nothing is kept
      picked.set(senderId, file);
      const at = classifyBackupFile(path.basename(file)).at;
      return { name: path.basename(file), size: fs.statSync(file).size, at: at ? new Date(at).toISOString() : null };
    },
    async restore(senderId: string, recoveryKeyText: string): Promise<{ backupCreatedAt: string | null; customers: number }> {
      requireNoVault(deps.vault);
      const file = picked.get(senderId);
      if (!file) throw new CofferError('NOT_FOUND', 'Choose a backup file first.');
      const report = await restoreOnNewComputer(deps.vault, deps.profileDir, file, recoveryKeyText, { jobs: deps.runner, nativeBinding: deps.nativeBinding });
      picked.delete(senderId);
      return { backupCreatedAt: report.backupCreatedAt, customers: countCustomers(deps.vault.db(), {}) };
    },
  };
}

export type NewComputerRestore = ReturnType<typeof createNewComputerRestore>;
