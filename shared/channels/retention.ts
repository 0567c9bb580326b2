import { z } from 'zod';
import { batchSchema, dryRunSchema, overviewSchema, retentionSettingsSchema, ruleInputSchema, runReportSchema } from '../retention';
import { channel, empty } from './common';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const page = z.object({ offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(500).default(100) }).strict();

/**
 * The retention engine (issue 17). Owner and manager read (rules, dry run, dormant view, run
 * reports); only the owner changes rules, runs them, starts a notice, and anonymises a batch,
 * which is gated (approval 'retention.anonymise', the channel's own name) and runs in chunks:
 * retention.batch is its progress.
 */
export const retentionChannels = {
  'retention.overview': channel({ input: empty, output: overviewSchema, permission: 'retention.read' }),
  'retention.setSettings': channel({ input: retentionSettingsSchema, output: z.object({ saved: z.literal(true) }), permission: 'retention.manage' }),
  'retention.saveRule': channel({ input: ruleInputSchema, output: z.object({ id: z.number().int() }), permission: 'retention.manage' }),
  'retention.deleteRule': channel({ input: z.object({ id }).strict(), output: z.object({ deleted: z.literal(true) }), permission: 'retention.manage' }),
  // upcoming: the due-soon list (who turns dormant or is proposed within 30 days) instead of today's.
  'retention.dryRun': channel({ input: page.extend({ upcoming: z.boolean().default(false) }), output: dryRunSchema, permission: 'retention.read' }),
  'retention.runNow': channel({ input: empty, output: runReportSchema, permission: 'retention.manage' }),
  'retention.runs': channel({ input: z.object({ limit: z.number().int().min(1).max(200).default(24) }).strict(), output: z.object({ runs: z.array(runReportSchema) }), permission: 'retention.read' }),
  'retention.dormant': channel({
    input: page,
    output: z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), dormantSince: z.string(), lastContactAt: z.string() })), total: z.number().int() }),
    permission: 'retention.read',
  }),
  'retention.batch': channel({ input: z.object({ id }).strict(), output: batchSchema, permission: 'retention.read' }),
  'retention.startNotice': channel({ input: z.object({ id }).strict(), output: batchSchema, permission: 'retention.manage' }),
  'retention.cancel': channel({ input: z.object({ id }).strict(), output: batchSchema, permission: 'retention.manage' }),
  'retention.anonymise': channel({ input: z.object({ batchId: id, approvalId: z.number().int().positive().optional() }).strict(), output: batchSchema, permission: 'retention.manage' }),
} as const;
