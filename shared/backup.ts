import { z } from 'zod';

export const backupScheduleSchema = z
  .object({
    every: z.enum(['hourly', 'daily', 'weekly']),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    onQuit: z.boolean(),
  })
  .strict();

export const retentionSchema = z
  .object({ daily: z.number().int().min(1).max(60), weekly: z.number().int().min(0).max(52), monthly: z.number().int().min(0).max(120) })
  .strict();

// 'no-backup' before the first backup: "older than the schedule" would describe a backup that does not exist.
export const BACKUP_WARNINGS = ['no-folder', 'no-backup', 'stale', 'same-disk', 'no-drill'] as const;

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
  warnings: z.array(z.enum(BACKUP_WARNINGS)),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

/** The running job's step and, where it can be measured (snapshot, encryption), how far it is. */
export const backupProgressSchema = z.object({
  task: z.enum(['backup', 'drill', 'restore']),
  step: z.string(),
  percent: z.number().int().min(0).max(100).nullable(),
});
export type BackupProgress = z.infer<typeof backupProgressSchema>;

export const DRILL_CHECK_NAMES = ['key', 'authenticate', 'open', 'integrity', 'cipher-integrity', 'foreign-keys', 'row-counts', 'audit-chain', 'audit-anchors'] as const;

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
