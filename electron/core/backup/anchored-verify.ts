import { CofferError } from '../../../shared/errors';
import { applicableAnchors, checkAnchors, describeAnchors, type AuditAnchor } from '../audit/audit-anchors';
import { verifyAudit, type AuditProblem, type AuditVerdict } from '../audit/audit-log';
import { readBackupFolder } from '../settings/backup-folder';
import type { VaultService } from '../vault/vault-service';
import { currentKey, folderAnchors, type FolderAnchors } from './backup-anchors';

export interface AnchoredAuditVerdict {
  ok: boolean;
  rows: number;
  firstBrokenId: number | null;
  /** 'anchor': the chain holds together, but a backup recorded a head the log no longer has. */
  problem: AuditProblem | 'anchor' | null;
  /** The backup that disagrees, when problem is 'anchor'. */
  backup: string | null;
  /** notChecked: backups this key cannot open, or damaged; superseded: set aside by a restore of an older backup. */
  anchors: { folder: 'none' | 'ok' | 'unavailable'; checked: number; notChecked: number; superseded: number };
}

/**
 * The chain on its own (verifyAudit), then against the heads recorded in every backup of this
 * vault in the backup folder: the log must hold each one at its row with its hash. The first is
 * blind to a log cut at the tail with its head moved back, or rewritten with every later hash
 * recomputed; a backup made before either still names the row as it was.
 */
export async function verifyAuditAnchored(vault: VaultService, walked?: AuditVerdict): Promise<AnchoredAuditVerdict> {
  // The chain's verdict may come from the worker or the checkpoint (audit-verify-service.ts).
  const chain = walked ?? verifyAudit(vault.db());
  const base = chain.ok ? { ok: true, rows: chain.rows, firstBrokenId: null, problem: null } : { ok: false, rows: chain.rows, firstBrokenId: chain.firstBrokenId, problem: chain.problem };
  const found = await anchorsOf(vault);
  if (found === 'none' || found === 'unavailable') return { ...base, backup: null, anchors: { folder: found, checked: 0, notChecked: 0, superseded: 0 } };
  const notChecked = found.otherKey.length + found.unreadable.length;
  const applicable = applicableAnchors(vault.db(), found.anchors);
  const verdict = checkAnchors(vault.db(), applicable.anchors);
  const anchors = { folder: 'ok' as const, checked: verdict.checked, notChecked, superseded: applicable.superseded };
  // A chain already broken is reported where it breaks; the anchors only add what it cannot see.
  if (verdict.ok || !base.ok) return { ...base, backup: null, anchors };
  return { ok: false, rows: chain.rows, firstBrokenId: verdict.seq, problem: 'anchor', backup: verdict.backup, anchors };
}

/**
 * For the drill's 'audit-anchors' check: the live log against every backup's recorded head, and
 * the heads themselves, so the drill also checks the drilled copy's log against the backups made
 * before it.
 */
export async function liveAnchorsCheck(vault: VaultService): Promise<{ ok: boolean; detail: string; anchors: AuditAnchor[] }> {
  const found = await anchorsOf(vault);
  if (found === 'none' || found === 'unavailable') return { ok: true, detail: `backup folder ${found === 'none' ? 'not chosen' : 'unavailable'}`, anchors: [] };
  const applicable = applicableAnchors(vault.db(), found.anchors);
  return { ...describeAnchors(checkAnchors(vault.db(), applicable.anchors), found, 'the live log'), anchors: found.anchors };
}

async function anchorsOf(vault: VaultService): Promise<FolderAnchors | 'none' | 'unavailable'> {
  const folder = readBackupFolder(vault.db());
  if (!folder) return 'none';
  const material = vault.backupMaterial();
  try {
    return await folderAnchors(folder, material.vaultId, currentKey(material));
  } catch (error) {
    if (error instanceof CofferError && error.code === 'BACKUP_FOLDER_UNAVAILABLE') return 'unavailable';
    throw error;
  } finally {
    material.key.fill(0);
  }
}
