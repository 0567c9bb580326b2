import { z } from 'zod';
import { ALERT_NOTE_MAX, alertItemSchema, businessHoursSchema, monitorActionSchema, monitorRuleIdSchema, monitorRuleSchema, THRESHOLD_MAX, WINDOW_MINUTES_MAX } from '../monitoring';
import { approvalIdField } from '../approvals';
import { channel, empty, password } from './common';

/** The alert inbox, the monitoring rules (owner settings) and the password step-up they can ask for. */
export const monitoringChannels = {
  'alerts.list': channel({
    input: z
      .object({
        // 'open' by default: the inbox; 'all' includes acknowledged ones.
        state: z.enum(['open', 'all']).optional(),
        limit: z.number().int().min(1).max(200).optional(),
        // Paging: alerts with an id below this one (newest first).
        before: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.object({ items: z.array(alertItemSchema) }),
    permission: 'alerts.read',
  }),
  'alerts.acknowledge': channel({
    input: z.object({ id: z.number().int().positive(), note: z.string().trim().max(ALERT_NOTE_MAX) }).strict(),
    output: z.object({ id: z.number().int(), state: z.literal('acknowledged') }),
    permission: 'alerts.manage',
  }),
  // The badge: how many alerts are open.
  'alerts.count': channel({ input: empty, output: z.object({ open: z.number().int() }), permission: 'alerts.read' }),
  'monitoring.rules': channel({
    input: empty,
    output: z.object({ rules: z.array(monitorRuleSchema), businessHours: businessHoursSchema }),
    permission: 'settings.manage',
  }),
  'monitoring.setRule': channel({
    input: z
      .object({
        id: monitorRuleIdSchema,
        enabled: z.boolean().optional(),
        threshold: z.number().int().min(0).max(THRESHOLD_MAX).optional(),
        windowMinutes: z.number().int().min(1).max(WINDOW_MINUTES_MAX).optional(),
        action: monitorActionSchema.optional(),
        // Turning a rule OFF is gated (APPROVAL_REQUIRED, then re-run with the approved request's id).
        approvalId: approvalIdField,
      })
      .strict(),
    // pending: always false since the approvals gate (kept so older callers' shape still parses).
    output: z.object({ rule: monitorRuleSchema, pending: z.boolean() }),
    permission: 'settings.manage',
  }),
  'monitoring.setBusinessHours': channel({
    input: businessHoursSchema,
    output: businessHoursSchema,
    permission: 'settings.manage',
  }),
  // After STEP_UP_REQUIRED: the signed-in user proves it is still them (code: their 2-step code if on).
  'session.stepUp': channel({
    input: z.object({ password, code: z.string().trim().min(6).max(20).optional() }).strict(),
    output: z.object({ ok: z.literal(true) }),
    permission: 'account.self',
  }),
} as const;
