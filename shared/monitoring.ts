import { z } from 'zod';

/**
 * Monitoring rules and alerts (issue 15, "The guard"): the rules are data in the vault, evaluated
 * in main on every customer read, search, reveal, export, import and delete. This file is the
 * shape both sides agree on; the rules themselves live in electron/core/monitoring/.
 */

/**
 * The default pack for a 3-30 person shop. A rule fires when the count in its window goes OVER
 * the threshold (views.many: the 301st distinct customer in 10 minutes).
 * - views.many: distinct customers looked at by one user (lists, searches, records).
 * - reveals.many: revealed fields (replaces the old in-memory reveal limiter).
 * - exports.many / export.big: exports in a day / rows in one export.
 * - deletes.many: customers deleted in a day.
 * - after.hours: any customer activity outside business hours (threshold 0).
 * - bulk.read: customers read in 10 minutes, the "100,000 reads" burst.
 * - drill.failed / drill.missed: the restore drill failed or did not happen (no subject user).
 * - erasure.check.failed: an erasure's after-check found a value or did not finish (issue 16);
 *   raised by the erasure, always on, not stored with the owner's rules.
 */
export const MONITOR_RULE_IDS = [
  'views.many',
  'reveals.many',
  'exports.many',
  'export.big',
  'deletes.many',
  'after.hours',
  'bulk.read',
  'drill.failed',
  'drill.missed',
  'erasure.check.failed',
] as const;
export type MonitorRuleId = (typeof MONITOR_RULE_IDS)[number];
/** Raised by the app itself and never switched off: not stored with the owner's rules (monitor_rules). */
export const ALWAYS_ON_RULE_IDS: readonly MonitorRuleId[] = ['erasure.check.failed'];
export const monitorRuleIdSchema = z.enum(MONITOR_RULE_IDS);

/**
 * notify: an alert in the inbox (and a desktop notification without data).
 * step-up: also, the user's next customer calls answer STEP_UP_REQUIRED until session.stepUp.
 * block: also, the session locks and the account is disabled until an owner reviews; never the
 * last active owner (then notify + step-up).
 */
export const MONITOR_ACTIONS = ['notify', 'step-up', 'block'] as const;
export type MonitorAction = (typeof MONITOR_ACTIONS)[number];
export const monitorActionSchema = z.enum(MONITOR_ACTIONS);

export const THRESHOLD_MAX = 1_000_000;
/** A window is at most a week: counts come from the audit log, which is indexed by time. */
export const WINDOW_MINUTES_MAX = 7 * 24 * 60;

export const monitorRuleSchema = z.object({
  id: monitorRuleIdSchema,
  enabled: z.boolean(),
  threshold: z.number().int(),
  windowMinutes: z.number().int(),
  action: monitorActionSchema,
  updatedAt: z.string().nullable(),
  /** Display name of the owner who last changed it; null for the shipped default. */
  updatedBy: z.string().nullable(),
});
export type MonitorRule = z.infer<typeof monitorRuleSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Local time; days are 0 = Sunday ... 6 = Saturday (Date#getDay). Off by default. */
export const businessHoursSchema = z
  .object({
    enabled: z.boolean(),
    start: clock,
    end: clock,
    days: z.array(z.number().int().min(0).max(6)).max(7),
  })
  .strict();
export type BusinessHours = z.infer<typeof businessHoursSchema>;
export const DEFAULT_BUSINESS_HOURS: BusinessHours = { enabled: false, start: '08:00', end: '20:00', days: [1, 2, 3, 4, 5, 6] };

export const ALERT_STATES = ['open', 'acknowledged'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** How many of an alert's customers the inbox names; customerCount says how many there were. */
export const ALERT_CUSTOMERS_SHOWN = 20;
export const ALERT_NOTE_MAX = 500;

export const alertItemSchema = z.object({
  id: z.number().int(),
  rule: monitorRuleIdSchema,
  /** Whose activity raised it; null for the drill alerts (no one did anything). */
  subject: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }).nullable(),
  raisedAt: z.string(),
  count: z.number().int(),
  windowStart: z.string(),
  customerCount: z.number().int(),
  /** The first ALERT_CUSTOMERS_SHOWN; name is null where the viewer's role may not read that customer. */
  customers: z.array(z.object({ id: z.number().int(), name: z.string().nullable() })),
  state: z.enum(ALERT_STATES),
  acknowledgedBy: z.string().nullable().optional(),
  acknowledgedAt: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  /** What the rule did besides the alert: 'step-up', 'block', or 'step-up' instead of block on the last owner. */
  action: monitorActionSchema,
});
export type AlertItem = z.infer<typeof alertItemSchema>;
