import fs from 'node:fs';
import { DRILL_GRACE_DAYS, type BackupProgress, type BackupStatus } from '../../../shared/backup';
import type { Db } from '../db/open-database';
import { readBackupFolder } from '../settings/backup-folder';
import { lastBackupRun, lastPassedDrillAt, listDrillReports } from './backup-repository';
import { dueAt, readRetention, readSchedule } from './backup-settings';
import { drillMissed, nextDrillAt, objectiveMs } from './schedule';
import { secondFolderStatus } from './second-folder';

/**
 * What the Backups page and the dashboard show: the folder, the last and next run, the running
 * job, the last drill, and the warnings that stay until their cause is fixed.
 */
export function backupStatus(db: Db, profileDir: string, running: BackupProgress | null, at: Date): BackupStatus {
  const folder = readBackupFolder(db);
  const schedule = readSchedule(db);
  const lastOk = lastBackupRun(db, 'ok');
  const last = lastBackupRun(db);
  const drill = listDrillReports(db, 1);
  const lastPassed = lastPassedDrillAt(db);
  const warnings: BackupStatus['warnings'] = [];
  if (!folder) warnings.push('no-folder');
  // Every 'ok' run was read back and authenticated before it got its name (takeBackup): the
  // newest verified backup.
  if (!lastOk) warnings.push('no-backup');
  else if (at.getTime() - Date.parse(lastOk.finishedAt) > objectiveMs(schedule)) warnings.push('stale');
  if (folder && sameDisk(folder, profileDir)) warnings.push('same-disk');
  if (!lastPassed) warnings.push('no-drill');
  else if (drillMissed(schedule.drillEveryDays, DRILL_GRACE_DAYS, new Date(lastPassed), at)) warnings.push('drill-missed');
  if (drill[0] && !drill[0].passed) warnings.push('drill-failed');
  const second = secondFolderStatus(db, schedule, at);
  if (second?.state === 'unavailable') warnings.push('second-unavailable');
  if (second?.state === 'stale') warnings.push('second-stale');
  return {
    folder,
    schedule,
    retention: readRetention(db),
    lastSuccessAt: lastOk?.finishedAt ?? null,
    lastSuccessFile: lastOk?.fileName ?? null,
    lastFailure: last && last.outcome === 'failed' ? { at: last.finishedAt, code: last.errorCode ?? 'INTERNAL' } : null,
    nextRunAt: folder ? dueAt(schedule, lastOk, last, at).toISOString() : null,
    running,
    lastDrill: drill[0] ? { at: drill[0].at, passed: drill[0].passed, backup: drill[0].backup } : null,
    nextDrillAt: nextDrillAt(schedule.drillEveryDays, drill[0] ? new Date(drill[0].at) : null, at).toISOString(),
    warnings,
    secondFolder: second,
  };
}

/** Same device as the vault: one disk failure would take both. Unknown (unreadable) counts as not. */
function sameDisk(folder: string, profileDir: string): boolean {
  try {
    return fs.statSync(folder).dev === fs.statSync(profileDir).dev;
  } catch {
    return false;
  }
}
