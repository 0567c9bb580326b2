import { z } from 'zod';
import { channel, empty } from './common';

/**
 * Data quality of the book (issue 13): likely duplicates, records missing key fields, records not
 * touched for a year, and when the review was last done. Every list is paged, inside the
 * caller's read scope, and carries no contact details: names, company, city, owner and dates.
 *
 * Permissions: the duplicate list is for acting on (merge), so it needs customers.write, like
 * the duplicate check (support, who may only read, is refused). Marking the quarterly review
 * done is for those who look after the whole book, the roles that may hand customers between
 * owners (customers.assign: owner, manager); a salesperson's review of their own book does not
 * reset the shop's reminder.
 */
const page = z
  .object({
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

export const qualityMemberSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  company: z.string().optional(),
  city: z.string().optional(),
  ownerUsername: z.string(),
  updatedAt: z.string(),
});
export type QualityMember = z.infer<typeof qualityMemberSchema>;

export const DUPLICATE_KINDS = ['same-phone', 'same-email', 'possible'] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];
export const MISSING_KINDS = ['no-contact', 'name-only'] as const;
export type MissingKind = (typeof MISSING_KINDS)[number];

export const qualityChannels = {
  /** Groups of customers sharing a phone or e-mail, then same name with same company or city. */
  'customers.qualityDuplicates': channel({
    input: page,
    output: z.object({
      groups: z.array(z.object({ kind: z.enum(DUPLICATE_KINDS), members: z.array(qualityMemberSchema) })),
      total: z.number().int(),
      counts: z.object({ 'same-phone': z.number().int(), 'same-email': z.number().int(), possible: z.number().int() }),
    }),
    permission: 'customers.write',
  }),
  /** No mobile, phone or e-mail ('no-contact'); of those, nothing but a name ('name-only'). */
  'customers.qualityMissing': channel({
    input: page,
    output: z.object({
      items: z.array(qualityMemberSchema.extend({ missing: z.enum(MISSING_KINDS) })),
      total: z.number().int(),
      counts: z.object({ 'no-contact': z.number().int(), 'name-only': z.number().int() }),
    }),
    permission: 'customers.read',
  }),
  /** Neither changed nor contacted for `days` (a year by default). */
  'customers.qualityStale': channel({
    input: page.extend({ days: z.number().int().min(30).max(3650).default(365) }).strict(),
    output: z.object({ items: z.array(qualityMemberSchema.extend({ lastInteractionAt: z.string().nullable() })), total: z.number().int() }),
    permission: 'customers.read',
  }),
  /** The review is done: the quarterly reminder starts again from now. */
  'customers.qualityReviewed': channel({
    input: empty,
    output: z.object({ reviewedAt: z.string(), nextDueAt: z.string() }),
    permission: 'customers.assign',
  }),
} as const;
