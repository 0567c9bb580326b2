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
import { folderSideFile, SIDE_FILE } from '../privacy/ledger-side-file';
import { NO_LEDGER, readSideFile, type DecisionLedger, type FoundSideFile, type LedgerRestoreOutcome } from '../privacy/ledger-service';
import { classifyBackupFile, listBackups } from './backup-files';
import { drillBackup, extractBackup, type DrillReport } from './backup-jobs';
import type { JobRunner } from './job-runner';
import { keyFromRecovery, readHeader, type BackupHeader } from './container';
import { ledgerFromNewestBackup, recordedFolders } from './restore-ledger-fallback';
import { openSnapshot } from './snapshot';

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
  options: {
    jobs?: Pick<JobRunner, 'drill' | 'extract'>;
    nativeBinding?: string | undefined;
    /**
     * The decision ledger: its side file is looked for in the profile and next to the backup;
     * without a usable one, the newest newer backup of this vault that opens with the recovery key
     * in the backup's folder and the folders it recorded (restore-ledger-fallback.ts).
     */
    ledger?: DecisionLedger | undefined;
    /** The owner saw LEDGER_TAMPERED and restores anyway. */
    acknowledgeLedgerProblem?: boolean | undefined;
  } = {},
): Promise<DrillReport & { ledger: LedgerRestoreOutcome | null }> {
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
    const decisions = options.ledger ? await findSideFile(profileDir, file, header, key, secret) : undefined;
    if (decisions?.state === 'tampered') {
      if (!options.acknowledgeLedgerProblem) {
        key.fill(0);
        throw new CofferError('LEDGER_TAMPERED', 'The decision ledger file beside this backup has been changed or damaged, so decisions made after the backup (users disabled, people erased) cannot be re-applied from it. Nothing was restored. Restore anyway only if you will check the users and erased people yourself.');
      }
      decisions.acknowledged = true;
    }
    fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 });
    writeDescriptor(nodeVaultFs, path.join(profileDir, DESCRIPTOR_FILE), {
      format: 1,
      vaultId: header.vaultId,
      recovery: { kdf: header.kdf, scheme: 'x25519-hkdf-sha256-aes-256-gcm', publicKey: header.recoveryPublicKey },
      keys: { current: header.wrappedKey },
    });
    const incoming = path.join(profileDir, `${DB_FILE}.restoring`);
    try {
      await jobs.extract({ file, key, dest: incoming, nativeBinding }, () => {});
      // No usable side file: a newer backup of this vault still knows the later decisions.
      if (decisions && decisions.state !== 'ok' && report.backupCreatedAt) {
        const folders = [path.dirname(file), ...foldersRecordedIn(incoming, key, nativeBinding)];
        const extract = (from: string, fromKey: Uint8Array, dest: string) => jobs.extract({ file: from, key: fromKey, dest, nativeBinding }, () => {});
        const newer = await ledgerFromNewestBackup({ folders, chosen: file, vaultId: header.vaultId, after: report.backupCreatedAt, recoverySecret: secret, scratchDir: scratch, nativeBinding, extract });
        if (newer) Object.assign(decisions, { source: newer.source, origin: { kind: 'newest-backup', createdAt: newer.createdAt } });
      }
    } finally {
      key.fill(0);
    }
    fs.renameSync(incoming, path.join(profileDir, DB_FILE));
    await vault.unlockWithRecoveryKey(recoveryKeyText);
    // Same turn as the unlock: the decisions are back before any sign-in can be handled.
    const ledger = decisions && options.ledger ? options.ledger.applyAfterRestore(decisions, null) : null;
    const db = vault.db();
    db.transaction(() => {
      if (report.backupCreatedAt) recordRestore(db, report.backupCreatedAt, new Date());
      appendAudit(db, { actor: null, action: 'backup.restore', outcome: 'ok', reason: `${path.basename(file)}; new computer` }, new Date());
    })();
    return { ...report, ledger };
  } finally {
    secret.fill(0);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The side file a new computer can reach: in this profile (copied from the old one by hand) or in
 * the backup's folder (written there after every ledger write). Its key is the database key of the
 * backup, or, after a key change, the one sealed in a newer backup in that folder with the same
 * recovery key (as backup-anchors.ts finds each backup's key).
 */
async function findSideFile(profileDir: string, file: string, header: BackupHeader, key: Buffer, secret: Buffer): Promise<FoundSideFile> {
  const folder = path.dirname(file);
  return readSideFile([path.join(profileDir, SIDE_FILE), path.join(folder, folderSideFile(header.vaultId))], header.vaultId, async (keyId) => {
    if (keyId === header.keyId) return key;
    for (const other of await listBackups(folder).catch(() => [])) {
      if (other.kind !== 'complete') continue;
      const otherHeader = await readHeader(other.path).catch(() => null);
      if (otherHeader?.vaultId === header.vaultId && otherHeader.keyId === keyId) return keyFromRecovery(otherHeader, secret).catch(() => null);
    }
    return null;
  });
}

/** The backup folders the restored copy had chosen (the second folder is known only from there); none if it does not open. */
function foldersRecordedIn(file: string, key: Uint8Array, nativeBinding: string | undefined): string[] {
  try {
    const db = openSnapshot(file, key, nativeBinding);
    try {
      return recordedFolders(db);
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

/** Shows an open-file dialog; main uses Electron's. Resolves to the chosen path or null. */
export type PickFile = () => Promise<string | null>;

/**
 * The setup screen's "Restore from a backup": the path the owner picked stays here in main, per
 * window, and the page only ever sees the file's name, size and date.
 */
export function createNewComputerRestore(deps: { vault: VaultService; profileDir: string; pickFile: PickFile; runner: JobRunner; nativeBinding: string | undefined; ledger?: DecisionLedger | undefined }) {
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
    async restore(senderId: string, recoveryKeyText: string, acknowledgeLedgerProblem?: boolean): Promise<{ backupCreatedAt: string | null; customers: number; ledger: LedgerRestoreOutcome }> {
      requireNoVault(deps.vault);
      const file = picked.get(senderId);
      if (!file) throw new CofferError('NOT_FOUND', 'Choose a backup file first.');
      const report = await restoreOnNewComputer(deps.vault, deps.profileDir, file, recoveryKeyText, { jobs: deps.runner, nativeBinding: deps.nativeBinding, ledger: deps.ledger, acknowledgeLedgerProblem });
      picked.delete(senderId);
      const ledger = report.ledger ?? NO_LEDGER;
      return { backupCreatedAt: report.backupCreatedAt, customers: countCustomers(deps.vault.db(), {}), ledger };
    },
  };
}

export type NewComputerRestore = ReturnType<typeof createNewComputerRestore>;
