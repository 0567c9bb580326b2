import { z } from 'zod';
import { marketingPurposeSchema } from './consent';

export const REMINDER_RANGES = ['overdue', 'today', 'upcoming', 'all'] as const;
export type ReminderRange = (typeof REMINDER_RANGES)[number];

/** A reminder as it crosses the bridge: the customer's name only, no contact details. */
export const reminderViewSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  assignee: z.string(),
  dueAt: z.string(),
  note: z.string(),
  status: z.enum(['open', 'done']),
  snoozed: z.number().int(),
  /** A marketing reminder's purpose (issue 16); null for an ordinary follow-up. */
  purpose: marketingPurposeSchema.nullable(),
  /** Why it is not due even though its time came: the customer withdrew consent for its purpose. */
  blocked: z.enum(['consent-withdrawn']).nullable(),
  // The note is free text the owner withholds from support (note is then empty).
  noteWithheld: z.literal(true).optional(),
});
export type ReminderView = z.infer<typeof reminderViewSchema>;

/** How many reminders each tab of the Reminders page holds, in the caller's scope. */
export const reminderCountsSchema = z.object({ overdue: z.number().int(), today: z.number().int(), upcoming: z.number().int(), done: z.number().int() });
export type ReminderCounts = z.infer<typeof reminderCountsSchema>;
