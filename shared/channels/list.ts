import { z } from 'zod';
import { approvalIdField } from '../approvals';
import { customerFiltersSchema } from '../customers';
import { channel, empty } from './common';

/** A bulk call on "all that match the filter" changes at most this many customers (one transaction). */
export const MAX_BULK_MATCHING = 20_000;

const valueCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));
const tagName = z.string().trim().min(1).max(40);
// The count the person was shown: if the filter now matches another number, nothing changes (CONFLICT).
const matching = { filters: customerFiltersSchema, expectCount: z.number().int().min(1).max(MAX_BULK_MATCHING) };

/**
 * The customers list beyond its rows: the values its filters offer (role-scoped) and bulk actions
 * on everything a filter matches, re-evaluated in main. Assigning an owner by filter is
 * customers.setOwner's filtered form (shared/channels/ownership.ts).
 */
export const listChannels = {
  'customers.filterValues': channel({
    input: empty,
    output: z.object({
      levels: valueCounts,
      regions: valueCounts,
      tags: valueCounts,
      // Display names for the menu; the filter itself takes the username.
      owners: z.array(z.object({ username: z.string(), displayName: z.string(), count: z.number().int() })),
    }),
    permission: 'customers.read',
  }),
  'customers.tagMatching': channel({
    input: z
      .object({ ...matching, add: z.array(tagName).max(10).default([]), remove: z.array(tagName).max(10).default([]) })
      .strict()
      .refine((v) => v.add.length + v.remove.length > 0, { message: 'empty', path: ['add'] }),
    output: z.object({ changed: z.number().int() }),
    permission: 'customers.write',
  }),
  'customers.deleteMatching': channel({
    // More than the policy's rows: an approved request (approvalId).
    input: z.object({ ...matching, approvalId: approvalIdField }).strict(),
    output: z.object({ deleted: z.number().int() }),
    permission: 'customers.delete',
  }),
} as const;
