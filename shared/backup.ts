import { z } from 'zod';

// The seeds ask for a monthly restore test (one says quarterly); a week is the most often that
// still leaves the worker free for backups.
export const DRILL_EVERY_DAYS_MIN = 7;
export const DRILL_EVERY_DAYS_MAX = 90;
/** After the interval, this long before a drill that did not happen is called missed. */
export const DRILL_GRACE_DAYS = 7;

export const backupScheduleSchema = z
  .object({
    every: z.enum(['hourly', 'daily', 'weekly']),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    onQuit: z.boolean(),
    // How often the worker restore-tests a fresh backup on its own (after a scheduled backup).
    drillEveryDays: z.number().int().min(DRILL_EVERY_DAYS_MIN).max(DRILL_EVERY_DAYS_MAX),
  })
  .strict();

/** What backup.setSchedule takes: the drill interval may be left out, and then stays as it was. */
export const backupScheduleInputSchema = backupScheduleSchema.partial({ drillEveryDays: true });

export const retentionSchema = z
  .object({ daily: z.number().int().min(1).max(60), weekly: z.number().int().min(0).max(52), monthly: z.number().int().min(0).max(120) })
  .strict();

// 'no-backup' before the first backup: "older than the schedule" would describe a backup that does not exist.
// 'no-drill': no drill has ever passed; 'drill-missed': the last pass is older than the drill
// interval plus DRILL_GRACE_DAYS; 'drill-failed': the newest drill (any trigger) failed.
// 'second-unavailable': the newest copy to the second backup folder failed (unplugged, full);
// 'second-stale': its newest copy is older than the schedule allows (the same objective as the first).
export const BACKUP_WARNINGS = ['no-folder', 'no-backup', 'stale', 'same-disk', 'no-drill', 'drill-missed', 'drill-failed', 'second-unavailable', 'second-stale'] as const;

/** What the Backups page and the dashboard card show. File names carry no personal data. */
export const backupStatusSchema = z.object({
  folder: z.string().nullable(),
  schedule: backupScheduleSchema,
  retention: retentionSchema,
  lastSuccessAt: z.string().nullable(),
  lastSuccessFile: z.string().nullable(),
  lastFailure: z.object({ at: z.string(), code: z.string() }).nullable(),
  nextRunAt: z.string().nullable(),
  running: z.object({ task: z.enum(['backup', 'drill', 'restore']), step: z.string() }).nullable(),
  lastDrill: z.object({ at: z.string(), passed: z.boolean(), backup: z.string() }).nullable(),
  /** When the next drill falls due: it runs right after the first scheduled backup from then on. */
  nextDrillAt: z.string(),
  warnings: z.array(z.enum(BACKUP_WARNINGS)),
  /** The optional second backup folder: its own name only (never the path), and its copies. */
  secondFolder: z
    .object({
      label: z.string(),
      lastCopyAt: z.string().nullable(),
      state: z.enum(['ok', 'unavailable', 'stale', 'waiting']),
      errorCode: z.string().nullable(),
    })
    .nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

/** The running job's step and, where it can be measured (snapshot, encryption), how far it is. */
export const backupProgressSchema = z.object({
  task: z.enum(['backup', 'drill', 'restore']),
  step: z.string(),
  percent: z.number().int().min(0).max(100).nullable(),
});
export type BackupProgress = z.infer<typeof backupProgressSchema>;

export const DRILL_CHECK_NAMES = ['key', 'authenticate', 'open', 'integrity', 'cipher-integrity', 'foreign-keys', 'row-counts', 'audit-chain', 'audit-anchors',
  // Issue 16: after the restore's re-apply of the decision ledger, nobody on it is in the copy.
  'erased-absent',
] as const;

export const drillReportSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  backup: z.string(),
  backupCreatedAt: z.string().nullable(),
  recoveryPointMs: z.number().int().nullable(),
  restoreMs: z.number().int(),
  passed: z.boolean(),
  firstFailure: z.enum(DRILL_CHECK_NAMES).nullable(),
  checks: z.array(z.object({ name: z.enum(DRILL_CHECK_NAMES), ok: z.boolean(), detail: z.string() })),
});
export type DrillReportView = z.infer<typeof drillReportSchema>;
