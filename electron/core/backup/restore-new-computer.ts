import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import { DESCRIPTOR_FILE, writeDescriptor } from '../vault/descriptor';
import { DB_FILE } from '../vault/context';
import { parseRecoveryKey } from '../vault/recovery-key';
import { nodeVaultFs } from '../vault/vault-fs';
import type { VaultService } from '../vault/vault-service';
import { drillBackup, type DrillReport } from './backup-jobs';
import { extractContainer, keyFromRecovery, readHeader } from './container';

/**
 * A new computer (or a wiped one): an empty profile, an empty keychain, a backup file and the
 * recovery key. The backup is drilled first (every check must pass), then the database and a
 * descriptor rebuilt from the container's header are put in place, and the vault is unlocked
 * with the recovery key, which puts the database key into this computer's keychain.
 * vault.json is written before the database, so a crash in between leaves "needs setup" and
 * the restore can simply be run again.
 */
export async function restoreOnNewComputer(vault: VaultService, profileDir: string, file: string, recoveryKeyText: string): Promise<DrillReport> {
  if (vault.state() !== 'needs-setup') throw new CofferError('VAULT_ALREADY_SET_UP', 'This computer already has a vault. Restore from the Backups page instead.');
  const secret = parseRecoveryKey(recoveryKeyText);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-restore-'));
  try {
    const report = await drillBackup({ file, recoverySecret: secret, nativeBinding: undefined, scratchDir: scratch, now: new Date().toISOString() });
    if (!report.passed) {
      if (report.firstFailure === 'key') throw new CofferError('WRONG_KEY', 'This recovery key does not open this backup. Check that both belong to the same vault.');
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
    fs.rmSync(incoming, { force: true });
    await extractContainer(file, key, incoming);
    key.fill(0);
    fs.renameSync(incoming, path.join(profileDir, DB_FILE));
    await vault.unlockWithRecoveryKey(recoveryKeyText);
    return report;
  } finally {
    secret.fill(0);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
