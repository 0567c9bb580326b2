import fs from 'node:fs';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import { DB_FILE } from '../vault/context';
import { parseRecoveryKey } from '../vault/recovery-key';
import type { VaultService } from '../vault/vault-service';
import type { ListedBackup } from './backup-files';
import type { BackupJobResult, DrillReport } from './backup-jobs';
import { keyFromRecovery, readHeader } from './container';
import type { FoundSideFile, LedgerRestoreOutcome } from '../privacy/ledger-service';
import type { JobRunner } from './job-runner';

export interface RestoreSteps {
  vault: VaultService;
  runner: JobRunner;
  chosen: ListedBackup;
  recoveryKeyText: string | undefined;
  /** A backup of the live vault into the backup folder, recorded and audited like any other. */
  takeSafetyCopy(): Promise<BackupJobResult>;
  /** Ends every session: their users and permissions belong to the vault being replaced. */
  endSessions(): void;
  progress(step: string): void;
  now(): Date;
  /**
   * The decision ledger (privacy/ledger-service.ts): read from the live vault and the side file
   * before the swap; applied to the restored vault right after it, before the restore returns.
   */
  ledger?: { capture(): Promise<FoundSideFile>; apply(found: FoundSideFile): LedgerRestoreOutcome } | undefined;
}

/**
 * Backups > Restore from backup. Nothing is replaced until three things hold: the chosen backup
 * passes a full drill, a fresh safety copy of the live vault is in the backup folder, and that
 * safety copy passes a drill too. The decrypted database is written beside the vault (in the
 * worker) and swapped in by one rename; if it does not open, the old file goes back.
 */
export async function restoreInPlace(steps: RestoreSteps): Promise<{ safetyCopy: string; report: DrillReport; ledger: LedgerRestoreOutcome | null }> {
  const { vault, runner, chosen } = steps;
  const material = vault.backupMaterial();
  let backupKey: Buffer | undefined;
  try {
    const header = await readHeader(chosen.path);
    if (header.vaultId !== material.vaultId) {
      throw new CofferError('CONFLICT', 'This backup belongs to a different vault. To use it, restore it on a computer (or profile) without a vault, with its recovery key.');
    }
    if (header.keyId === material.keyId) backupKey = Buffer.from(material.key);
    else {
      if (!steps.recoveryKeyText) throw new CofferError('RECOVERY_KEY_REQUIRED', 'This backup was made before the vault\'s key was last changed. Enter the recovery key to restore it.');
      const secret = parseRecoveryKey(steps.recoveryKeyText);
      backupKey = await keyFromRecovery(header, secret).finally(() => secret.fill(0));
    }
    const scratchDir = path.join(material.profileDir, 'scratch');
    const drill = (file: string, keyId: string, key: Uint8Array) =>
      runner.drill({ file, key: { keyId, key }, nativeBinding: material.nativeBinding, scratchDir, now: steps.now().toISOString() }, (step) => steps.progress(`check-${step}`));

    const report = await drill(chosen.path, header.keyId, backupKey);
    if (!report.passed) throw new CofferError('BACKUP_CORRUPT', `This backup did not pass its checks (${report.firstFailure ?? 'incomplete'}), so nothing was changed. Choose another backup.`);

    steps.progress('safety-copy');
    const safety = await steps.takeSafetyCopy();
    const safetyReport = await drill(path.join(path.dirname(chosen.path), safety.fileName), material.keyId, material.key);
    if (!safetyReport.passed) throw new CofferError('BACKUP_CORRUPT', 'The safety copy of the current vault did not pass its checks, so nothing was changed. Check the backup folder and try again.');

    // The live ledger is read after the safety copy: nothing can add to it once the swap starts.
    const decisions = await steps.ledger?.capture();

    steps.progress('replace');
    const incoming = path.join(material.profileDir, `${DB_FILE}.restoring`);
    await runner.extract(
      { file: chosen.path, key: backupKey, rekeyTo: header.keyId === material.keyId ? undefined : material.key, dest: incoming, nativeBinding: material.nativeBinding },
      (step) => steps.progress(`replace-${step}`),
    );
    steps.endSessions();
    await vault.replaceDatabase(incoming).finally(() => fs.rmSync(incoming, { force: true }));
    // Same turn as the swap: no sign-in can be handled in between (sessions ended above).
    const ledger = decisions && steps.ledger ? steps.ledger.apply(decisions) : null;
    return { safetyCopy: safety.fileName, report, ledger };
  } finally {
    material.key.fill(0);
    backupKey?.fill(0);
  }
}
