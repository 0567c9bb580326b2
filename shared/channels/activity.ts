import { z } from 'zod';
import { INTERACTION_KIND_LIST } from '../activity';
import { reminderCountsSchema } from '../reminders';
import { channel } from './common';

/** The largest purchase Coffer stores, in minor units (100 billion in the shop's currency). */
export const MAX_AMOUNT_MINOR = 1e13;

/**
 * A purchase amount in integer minor units (fen, cents). Each way it can be wrong has its own
 * reason code, so the form can say why in the user's language instead of "invalid input".
 */
export const amountMinorSchema = z
  .custom<number>((value) => typeof value === 'number' && Number.isFinite(value), { message: 'amount_not_a_number' })
  .superRefine((value, ctx) => {
    if (value < 0) ctx.addIssue({ code: 'custom', message: 'amount_negative' });
    else if (!Number.isInteger(value)) ctx.addIssue({ code: 'custom', message: 'amount_too_many_decimals' });
    else if (value > MAX_AMOUNT_MINOR) ctx.addIssue({ code: 'custom', message: 'amount_too_large' });
  });

const purchaseFields = {
  date: z.iso.date(),
  item: z.string().trim().min(1).max(200),
  amountMinor: amountMinorSchema,
  currency: z.string().regex(/^[A-Z]{3}$/),
  note: z.string().trim().max(500).optional(),
};

/** Editing and deleting timeline entries; adding stays in customers.ts (interactions.add, purchases.add). */
export const activityChannels = {
  'interactions.update': channel({
    input: z
      .object({
        id: z.number().int().positive(),
        kind: z.enum(INTERACTION_KIND_LIST),
        at: z.iso.datetime(),
        summary: z.string().trim().min(1).max(2000),
      })
      .strict(),
    output: z.object({ updated: z.literal(true) }),
    permission: 'interactions.write',
  }),
  'interactions.delete': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    permission: 'interactions.write',
  }),
  'purchases.update': channel({
    input: z.object({ id: z.number().int().positive(), ...purchaseFields }).strict(),
    output: z.object({ updated: z.literal(true) }),
    permission: 'purchases.write',
  }),
  'purchases.delete': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    permission: 'purchases.write',
  }),
  'reminders.counts': channel({
    // The Reminders page's tab counts, in the same scope as reminders.list with the same `mine`.
    input: z.object({ mine: z.boolean().default(false) }).strict(),
    output: reminderCountsSchema,
    permission: 'reminders.read',
  }),
} as const;


