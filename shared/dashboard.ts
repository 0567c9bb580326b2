import { z } from 'zod';
import { reminderViewSchema } from './reminders';

/** The dashboard's figures: names and dates only, no contact details. */
export const dashboardSchema = z.object({
  reminders: z.object({ overdue: z.number().int(), today: z.number().int(), items: z.array(reminderViewSchema) }),
  recentlyContacted: z.array(z.object({ id: z.number().int(), name: z.string(), lastInteractionAt: z.string() })),
  newThisMonth: z.number().int(),
  dormant: z.number().int(),
  total: z.number().int(),
  interactionsPerWeek: z.array(z.object({ weekStart: z.string(), count: z.number().int() })),
  /** The quarterly data-quality review (owner and manager only; null for other roles). */
  qualityReview: z.object({ due: z.boolean(), lastReviewedAt: z.string().nullable(), nextDueAt: z.string() }).nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
