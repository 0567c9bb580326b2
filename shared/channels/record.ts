import { z } from 'zod';
import { customerViewSchema } from '../customers';
import { channel } from './common';

/**
 * The record page's key facts, beside the customer as customers.get sends it. A fact the role
 * may not see is null, not zero: support have no purchases.read, and "no purchases" would be a
 * claim about data they cannot see.
 */
export const recordFactsSchema = z.object({
  ownerDisplayName: z.string(),
  purchases: z.object({ count: z.number().int(), totals: z.array(z.object({ currency: z.string(), amountMinor: z.number().int() })) }).nullable(),
  lastContactAt: z.string().nullable(),
  nextReminderAt: z.string().nullable(),
});
export type RecordFacts = z.infer<typeof recordFactsSchema>;

export const recordChannels = {
  'customers.record': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ customer: customerViewSchema, facts: recordFactsSchema }),
    permission: 'customers.read',
  }),
  /**
   * "Who is calling": the full number, in any common spelling (+86 138 0013 8000, 138-0013-8000,
   * 0086…), or an exact WeChat ID, finds the customer for roles that see contact details masked;
   * the answer stays masked. A fragment finds nothing. Audited and rate-limited like a reveal.
   */
  'customers.lookup': channel({
    input: z.object({ query: z.string().trim().min(1).max(64) }).strict(),
    output: z.object({ match: z.enum(['phone', 'wechat', 'none']), items: z.array(customerViewSchema) }),
    permission: 'customers.read',
  }),
} as const;
