import { z } from 'zod';

/**
 * The retention engine (issue 17): rules as data, the dry run, the dormant view, the batches that
 * anonymise (or delete) through the erasure, and the run reports. Shared vocabulary only; the
 * rules themselves live in electron/core/retention.
 */
export const RULE_SCOPES = ['default', 'level', 'tag', 'industry'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];
export const RETENTION_ACTIONS = ['anonymise', 'delete'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

/** Floors from the research (4.7): dormancy is never shorter than a year here, and a proposal never before it. */
export const YEARS_MIN = 1;
export const YEARS_MAX = 50;
export const NOTICE_DAYS_MAX = 365;
export const DEFAULT_DORMANT_YEARS = 3;
export const DEFAULT_PROPOSE_YEARS = 5;
export const DEFAULT_SCHEDULE_DAYS = 30;
export const DEFAULT_NOTICE_DAYS = 30;

const years = z.number().int().min(YEARS_MIN).max(YEARS_MAX);

export const retentionRuleSchema = z.object({
  id: z.number().int(),
  scope: z.enum(RULE_SCOPES),
  /** The level key, tag or industry this override is for; '' for the default rule. */
  match: z.string(),
  dormantYears: years,
  proposeYears: years,
  action: z.enum(RETENTION_ACTIONS),
});
export type RetentionRule = z.infer<typeof retentionRuleSchema>;

export const ruleInputSchema = z
  .object({
    scope: z.enum(RULE_SCOPES),
    match: z.string().trim().max(100),
    dormantYears: years,
    proposeYears: years,
    action: z.enum(RETENTION_ACTIONS),
  })
  .strict()
  .refine((r) => r.proposeYears >= r.dormantYears, { path: ['proposeYears'], message: 'before-dormant' })
  .refine((r) => (r.scope === 'default') === (r.match === ''), { path: ['match'], message: 'required' });
export type RuleInput = z.infer<typeof ruleInputSchema>;

export const retentionSettingsSchema = z
  .object({
    enabled: z.boolean(),
    scheduleDays: z.number().int().min(1).max(365),
    noticeDays: z.number().int().min(0).max(NOTICE_DAYS_MAX),
  })
  .strict();
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** How long erased data lives on in backup files, from the backup retention actually set. */
export const backupNoteSchema = z.object({ daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int(), months: z.number().int() });

export const TOUCH_KINDS = ['dormant', 'propose', 'held'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export const touchedCustomerSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Why: the most recent interaction, purchase or (never contacted) creation. */
  lastContactAt: z.string(),
  ruleId: z.number().int(),
  kind: z.enum(TOUCH_KINDS),
  /** For kind 'held': the legal hold, or a data-subject request still open. */
  heldFor: z.enum(['legal-hold', 'open-request']).nullable(),
  dormantSince: z.string().nullable(),
});
export type TouchedCustomer = z.infer<typeof touchedCustomerSchema>;

export const ruleCountSchema = z.object({ ruleId: z.number().int(), dormant: z.number().int(), propose: z.number().int(), held: z.number().int() });

export const dryRunSchema = z.object({
  at: z.string(),
  /** Set for the due-soon list: who reaches a threshold between `at` and this instant. */
  upcomingUntil: z.string().nullable(),
  counts: z.array(ruleCountSchema),
  total: z.number().int(),
  customers: z.array(touchedCustomerSchema),
});
export type DryRun = z.infer<typeof dryRunSchema>;

export const BATCH_STATES = ['proposed', 'notice', 'running', 'done', 'cancelled', 'failed'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const batchSchema = z.object({
  id: z.number().int(),
  state: z.enum(BATCH_STATES),
  createdAt: z.string(),
  total: z.number().int(),
  pending: z.number().int(),
  erased: z.number().int(),
  skipped: z.number().int(),
  noticeAt: z.string().nullable(),
  /** The end of the notice wait: anonymising is refused before it. */
  notBefore: z.string().nullable(),
  approvalId: z.number().int().nullable(),
  finishedAt: z.string().nullable(),
});
export type Batch = z.infer<typeof batchSchema>;

export const runReportSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  marked: z.number().int(),
  released: z.number().int(),
  proposed: z.number().int(),
  held: z.number().int(),
  batchId: z.number().int().nullable(),
});
export type RunReport = z.infer<typeof runReportSchema>;

/** The whole Retention page's state in one read. */
export const overviewSchema = z.object({
  settings: retentionSettingsSchema,
  rules: z.array(retentionRuleSchema),
  backups: backupNoteSchema,
  lastRunAt: z.string().nullable(),
  dormant: z.number().int(),
  batches: z.array(batchSchema),
});
export type RetentionOverview = z.infer<typeof overviewSchema>;
