import type { AuditAnchor } from '../audit/audit-anchors';
import { listBackups } from './backup-files';
import { readHeader, readManifest, type BackupHeader } from './container';

export interface FolderAnchors {
  anchors: AuditAnchor[];
  /** Backups of this vault whose key is not at hand (made before a key change, with no recovery key given). */
  otherKey: string[];
  /** Backups of this vault whose manifest does not authenticate (damaged, or not what they claim). */
  unreadable: string[];
}

/** The database key a backup was made under, or null when it is not at hand. */
export type KeyFor = (header: BackupHeader) => Promise<Uint8Array | null>;

/** The vault's current key opens the backups made under it. */
export const currentKey = (vault: { keyId: string; key: Uint8Array }): KeyFor => async (header) => (header.keyId === vault.keyId ? vault.key : null);

/**
 * The audit chain heads recorded in every complete backup of this vault in the folder. Only each
 * manifest is decrypted, not the snapshot, so this stays quick with many large backups. Other
 * vaults' backups (a shared team folder) are skipped by the header's vault id.
 */
export async function folderAnchors(folder: string, vaultId: string, keyFor: KeyFor): Promise<FolderAnchors> {
  const found: FolderAnchors = { anchors: [], otherKey: [], unreadable: [] };
  for (const backup of await listBackups(folder)) {
    if (backup.kind !== 'complete') continue;
    try {
      const header = await readHeader(backup.path);
      if (header.vaultId !== vaultId) continue;
      const key = await keyFor(header);
      if (!key) {
        found.otherKey.push(backup.name);
        continue;
      }
      const manifest = await readManifest(backup.path, key);
      if (manifest.auditHead) found.anchors.push({ backup: backup.name, createdAt: manifest.createdAt, seq: manifest.auditHead.seq, hash: manifest.auditHead.hash });
    } catch {
      found.unreadable.push(backup.name);
    }
  }
  return found;
}
