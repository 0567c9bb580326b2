import { z } from 'zod';
import { customerFiltersSchema } from '../customers';
import { channel, empty, roleSchema, username } from './common';

/** How long without a sign-in makes an account stale, unless the owner sets another figure. */
export const DEFAULT_STALE_DAYS = 30;
/** A filtered hand-over changes at most this many customers in one call (one transaction). */
export const MAX_OWNER_TRANSFER = 20_000;

const ids = z.array(z.number().int().positive()).min(1).max(500);

/**
 * Handing customers to another owner (a leaver's book of customers), and the stale-account
 * report. A filtered hand-over names how many customers the person saw: if the selection has
 * changed since, nothing is changed and the call says so (CONFLICT).
 */
export const ownershipChannels = {
  'customers.setOwner': channel({
    input: z.union([
      z.object({ ids, toUsername: username }).strict(),
      z.object({ filters: customerFiltersSchema, expectCount: z.number().int().min(1).max(MAX_OWNER_TRANSFER), toUsername: username }).strict(),
    ]),
    output: z.object({ changed: z.number().int(), toUsername: z.string() }),
    permission: 'customers.assign',
  }),
  'customers.assignableOwners': channel({
    input: empty,
    // Active accounts whose role may hold customers: names and role only.
    output: z.array(z.object({ username: z.string(), displayName: z.string(), role: roleSchema })),
    permission: 'customers.assign',
  }),
  'users.stale': channel({
    input: empty,
    output: z.object({
      days: z.number().int(),
      users: z.array(
        z.object({
          username: z.string(),
          displayName: z.string(),
          role: roleSchema,
          status: z.enum(['active', 'locked']),
          lastLoginAt: z.string().nullable(),
          createdAt: z.string(),
          customersOwned: z.number().int(),
        }),
      ),
    }),
    permission: 'users.manage',
  }),
  'settings.setStaleDays': channel({
    input: z.object({ days: z.number().int().min(1).max(3650) }).strict(),
    output: z.object({ days: z.number().int() }),
    permission: 'settings.manage',
  }),
} as const;
