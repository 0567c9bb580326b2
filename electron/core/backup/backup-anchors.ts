import type { AuditAnchor } from '../audit/audit-anchors';
import { listBackups } from './backup-files';
import { readHeader, readManifest } from './container';

export interface FolderAnchors {
  anchors: AuditAnchor[];
  /** Backups of this vault made under an earlier key (before a key change): this key cannot open their manifest. */
  otherKey: string[];
  /** Backups of this vault whose manifest does not authenticate (damaged, or not what they claim). */
  unreadable: string[];
}

/**
 * The audit chain heads recorded in every complete backup of this vault in the folder. Only each
 * manifest is decrypted, not the snapshot, so this stays quick with many large backups. Other
 * vaults' backups (a shared team folder) are skipped by the header's vault id.
 */
export async function folderAnchors(folder: string, vault: { vaultId: string; keyId: string; key: Uint8Array }): Promise<FolderAnchors> {
  const found: FolderAnchors = { anchors: [], otherKey: [], unreadable: [] };
  for (const backup of await listBackups(folder)) {
    if (backup.kind !== 'complete') continue;
    try {
      const header = await readHeader(backup.path);
      if (header.vaultId !== vault.vaultId) continue;
      if (header.keyId !== vault.keyId) {
        found.otherKey.push(backup.name);
        continue;
      }
      const head = (await readManifest(backup.path, vault.key)).auditHead;
      if (head) found.anchors.push({ backup: backup.name, seq: head.seq, hash: head.hash });
    } catch {
      found.unreadable.push(backup.name);
    }
  }
  return found;
}
