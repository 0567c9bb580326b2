import { z } from 'zod';
import { channel, empty, roleSchema } from './common';

export const DATA_RULES_MAX = 20_000;

/**
 * The shop's data rules (issue 15, staff side): the owner writes them (each save a new version),
 * every user accepts the current version before customer channels answer them
 * (DATA_RULES_NOT_ACCEPTED otherwise; app.status says mustAcceptDataRules).
 */
export const dataRulesChannels = {
  // Any signed-in user: their own acceptance of the current version. version null: no rules yet.
  'dataRules.current': channel({
    input: empty,
    output: z.object({ version: z.number().int().nullable(), text: z.string(), createdAt: z.string().nullable(), acceptedAt: z.string().nullable() }),
    permission: 'account.self',
  }),
  'dataRules.accept': channel({
    input: z.object({ version: z.number().int().positive() }).strict(),
    output: z.object({ version: z.number().int(), acceptedAt: z.string() }),
    permission: 'account.self',
  }),
  'dataRules.set': channel({
    input: z.object({ text: z.string().trim().min(1).max(DATA_RULES_MAX) }).strict(),
    output: z.object({ version: z.number().int() }),
    permission: 'settings.manage',
  }),
  // Owner (Settings): who accepted which version.
  'dataRules.acceptances': channel({
    input: empty,
    output: z.object({
      version: z.number().int().nullable(),
      users: z.array(
        z.object({
          username: z.string(),
          displayName: z.string(),
          role: roleSchema,
          status: z.enum(['active', 'disabled', 'locked']),
          acceptedVersion: z.number().int().nullable(),
          acceptedAt: z.string().nullable(),
        }),
      ),
    }),
    permission: 'settings.manage',
  }),
} as const;
