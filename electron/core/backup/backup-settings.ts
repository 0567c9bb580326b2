import fs from 'node:fs';
import path from 'node:path';
import { getMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { newDeviceId } from './backup-files';
import type { BackupRunRow } from './backup-repository';
import { DEFAULT_RETENTION, type RetentionPolicy } from './retention';
import { DEFAULT_SCHEDULE, nextRunAt, type BackupSchedule } from './schedule';

// What this computer's backups are set to: its device id in shared folders, the schedule and
// retention kept in the vault, and when the next run falls due.

/** This computer's id in shared backup folders: random, kept beside (not inside) the vault, so a vault restored on another computer does not take over this one's files. */
export function deviceIdOf(profileDir: string): string {
  const file = path.join(profileDir, 'device-id');
  try {
    const id = fs.readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{8,32}$/.test(id)) return id;
  } catch {
    /* first use */
  }
  const id = newDeviceId();
  fs.mkdirSync(profileDir, { recursive: true });
  fs.writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}

/** A JSON setting in meta over its defaults; an unreadable one falls back to the defaults. */
function jsonSetting<T extends object>(db: Db, key: string, defaults: T): T {
  try {
    return { ...defaults, ...(JSON.parse(getMeta(db, key) ?? '{}') as Partial<T>) };
  } catch {
    return defaults;
  }
}

export const readSchedule = (db: Db): BackupSchedule => jsonSetting(db, 'backup.schedule', DEFAULT_SCHEDULE);
export const readRetention = (db: Db): RetentionPolicy => jsonSetting(db, 'backup.retention', DEFAULT_RETENTION);

/** When the next run is due, from the last success and (if the latest run failed) its failure. */
export function dueAt(schedule: BackupSchedule, lastOk: BackupRunRow | undefined, last: BackupRunRow | undefined, at: Date): Date {
  return nextRunAt(schedule, lastOk ? new Date(lastOk.finishedAt) : null, last?.outcome === 'failed' ? new Date(last.finishedAt) : null, at);
}
