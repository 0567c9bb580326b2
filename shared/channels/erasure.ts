import { z } from 'zod';
import { binItemSchema, checkProgressSchema, eraseModeSchema, eraseResultSchema, lookupCustomerSchema, mentionSchema, privacyLogEntrySchema } from '../erasure';
import { channel, empty } from './common';

const customerId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * Erasure and anonymisation (issue 16). lookup is a read (audited with the ids found, never the
 * typed text); erase is gated (approval 'privacy.erase') and writes the privacy log; the log is
 * the owner's and the auditor's; the recycle bin can be emptied and its items held.
 */
export const erasureChannels = {
  'privacy.lookup': channel({
    input: z.object({ query: z.string().trim().min(2).max(200) }).strict(),
    output: z.object({ customers: z.array(lookupCustomerSchema), mentions: z.array(mentionSchema), truncated: z.boolean() }),
    permission: 'customers.erase',
  }),
  'privacy.erase': channel({
    input: z
      .object({
        customerId,
        mode: eraseModeSchema,
        requestId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
        approvalId: z.number().int().positive().optional(),
      })
      .strict(),
    output: eraseResultSchema,
    permission: 'customers.erase',
  }),
  'privacy.setHold': channel({
    input: z.object({ customerId, hold: z.boolean() }).strict(),
    output: z.object({ hold: z.boolean() }),
    permission: 'customers.purge',
  }),
  'privacy.log': channel({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100), beforeId: z.number().int().positive().optional() }).strict(),
    output: z.object({ entries: z.array(privacyLogEntrySchema) }),
    permission: 'privacy.log',
  }),
  'recycleBin.list': channel({
    input: empty,
    output: z.object({ items: z.array(binItemSchema), days: z.number().int() }),
    permission: 'customers.purge',
  }),
  'recycleBin.empty': channel({
    input: z.object({ expectCount: z.number().int().min(0).max(1_000_000) }).strict(),
    output: z.object({ purged: z.number().int(), held: z.number().int(), logIds: z.array(z.number().int()) }),
    permission: 'customers.purge',
  }),
  /** The after-checks running on the worker now (tables searched, counts only); polled while an erase or an empty waits. Not audited: it names no one. */
  'privacy.checkProgress': channel({
    input: empty,
    output: checkProgressSchema,
    permission: 'customers.erase',
  }),
} as const;
