import { z } from 'zod';
import { ledgerRestoreSchema } from '../ledger';
import { approvalIdField } from '../approvals';
import { backupScheduleInputSchema, backupStatusSchema, drillReportSchema, retentionSchema } from '../backup';
import { channel, password, recoveryKeyText } from './common';

/** Backups, restore drills and their settings. */
export const backupChannels = {
  'backup.status': channel({ input: z.object({}).strict(), output: backupStatusSchema, permission: 'backup.run' }),
  'backup.run': channel({
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string(), bytes: z.number().int() }),
    permission: 'backup.run',
  }),
  'backup.files': channel({
    input: z.object({}).strict(),
    output: z.array(z.object({ name: z.string(), kind: z.enum(['complete', 'partial', 'conflict', 'other']), size: z.number(), at: z.string().nullable(), deviceId: z.string().nullable() })),
    permission: 'backup.drill',
  }),
  'backup.drill': channel({
    input: z.object({ fileName: z.string().min(1).max(200).optional() }).strict(),
    output: drillReportSchema,
    permission: 'backup.drill',
  }),
  'backup.reports': channel({
    input: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.array(drillReportSchema),
    permission: 'backup.drill',
  }),
  'backup.restore': channel({
    // Re-authentication first: replacing the whole vault needs the password again. The recovery
    // key is only needed for a backup made before the vault's key was last changed.
    // A restore needs an approved request (approvalId).
    input: z.object({ fileName: z.string().min(1).max(200), password, recoveryKey: recoveryKeyText.optional(), approvalId: approvalIdField }).strict(),
    // The caller's session ends with the old vault: the window goes back to sign-in.
    output: z.object({ restored: z.literal(true), safetyCopy: z.string(), report: drillReportSchema,
      // The decision ledger re-applied before anyone could sign in (issue 16).
      ledger: ledgerRestoreSchema,
    }),
    permission: 'backup.restore',
  }),
  'backup.setSchedule': channel({
    input: z.object({ schedule: backupScheduleInputSchema, retention: retentionSchema }).strict(),
    output: z.object({ saved: z.literal(true) }),
    permission: 'backup.configure',
  }),
} as const;
