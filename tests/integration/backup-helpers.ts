import path from 'node:path';
import type { Core } from '../../electron/core';
import type { BackupJobInput } from '../../electron/core/backup/backup-jobs';

/** A backup job for this core's vault into `folder`, as the backup service would start it. */
export function jobInput(core: Core, folder: string, now = new Date()): BackupJobInput {
  const material = core.vault.backupMaterial();
  return { ...material, folder, deviceId: 'a1b2c3d4', scratchDir: path.join(material.profileDir, 'scratch'), app: 'Coffer test', now: now.toISOString() };
}
