import { z } from 'zod';
import { channel, empty, roleSchema } from './common';

export const ACCESS_REVIEW_PERIODS = [30, 90, 180, 365] as const;
const periodDays = z.union([z.literal(30), z.literal(90), z.literal(180), z.literal(365)]).default(90);

/**
 * The owner's access review (issue 15): every account, its rights, its use and the risky things
 * it did in the period; exported to .xlsx through the export path; "reviewed" resets the
 * quarterly reminder.
 */
export const accessReviewChannels = {
  'users.accessReview': channel({
    input: z.object({ periodDays }).strict(),
    output: z.object({
      periodDays: z.number().int(),
      from: z.string(),
      to: z.string(),
      /** The stale-accounts setting (users.stale): accounts not used for this many days are flagged. */
      unusedDays: z.number().int(),
      lastReviewedAt: z.string().nullable(),
      due: z.boolean(),
      users: z.array(
        z.object({
          username: z.string(),
          displayName: z.string(),
          role: roleSchema,
          status: z.enum(['active', 'disabled', 'locked']),
          createdAt: z.string(),
          lastLoginAt: z.string().nullable(),
          has2fa: z.boolean(),
          customersOwned: z.number().int(),
          exports: z.number().int(),
          reveals: z.number().int(),
          deletes: z.number().int(),
          alerts: z.number().int(),
          approvalsRequested: z.number().int(),
          approvalsGiven: z.number().int(),
          approvalsNoSecondPerson: z.number().int(),
          dataRulesVersion: z.number().int().nullable(),
          dataRulesAcceptedAt: z.string().nullable(),
          unused: z.boolean(),
        }),
      ),
    }),
    permission: 'users.manage',
  }),
  'users.accessReviewExport': channel({
    input: z.object({ periodDays }).strict(),
    output: z.discriminatedUnion('status', [z.object({ status: z.literal('cancelled') }), z.object({ status: z.literal('saved'), rows: z.number().int() })]),
    permission: 'users.manage',
  }),
  'users.accessReviewDone': channel({
    input: empty,
    output: z.object({ lastReviewedAt: z.string() }),
    permission: 'users.manage',
  }),
} as const;
