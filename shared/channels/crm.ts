import { approvalIdField } from '../approvals';
import { z } from 'zod';
import { marketingPurposeSchema } from '../consent';
import { dashboardSchema } from '../dashboard';
import { REMINDER_RANGES, reminderViewSchema } from '../reminders';
import { channel, username } from './common';

/** Follow-up reminders, the dashboard, and the vault's choice of optional customer fields. */
export const crmChannels = {
  'reminders.list': channel({
    input: z
      .object({
        range: z.enum(REMINDER_RANGES).default('all'),
        /** Only reminders assigned to me (the dashboard), or all in my scope (the Reminders page). */
        mine: z.boolean().default(false),
        customerId: z.number().int().positive().optional(),
        status: z.enum(['open', 'done']).default('open'),
        limit: z.number().int().min(1).max(500).default(200),
        /** "Show more": the next page after this many (the tab counts say how many there are). */
        offset: z.number().int().min(0).max(10_000_000).default(0),
      })
      .strict(),
    output: z.array(reminderViewSchema),
    permission: 'reminders.read',
  }),
  'reminders.add': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        dueAt: z.iso.datetime(),
        note: z.string().trim().min(1).max(500),
        assignee: username.optional(),
        // A marketing reminder: refused (CONSENT_WITHDRAWN) for a customer who withdrew this purpose (issue 16).
        purpose: marketingPurposeSchema.optional(),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
    permission: 'reminders.write',
  }),
  'reminders.done': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ done: z.literal(true) }),
    permission: 'reminders.write',
  }),
  'reminders.snooze': channel({
    input: z.object({ id: z.number().int().positive(), until: z.iso.datetime() }).strict(),
    output: z.object({ snoozed: z.literal(true) }),
    permission: 'reminders.write',
  }),
  'dashboard.summary': channel({
    // mine: reminders assigned to me and customers I own; false: everything in my row scope.
    input: z.object({ mine: z.boolean().default(true) }).strict(),
    output: dashboardSchema,
    permission: 'customers.read',
  }),
  'settings.customerFields': channel({
    input: z.object({}).strict(),
    output: z.object({ optionalFields: z.boolean() }),
    permission: 'customers.read',
  }),
  'settings.setCustomerFields': channel({
    // Erasing the stored values is a bulk erasure: gated by four-eyes approval by default (approvalId).
    input: z.object({ optionalFields: z.boolean(), eraseExisting: z.boolean().default(false), approvalId: approvalIdField }).strict(),
    output: z.object({ optionalFields: z.boolean(), erased: z.number().int() }),
    permission: 'settings.manage',
  }),
} as const;
