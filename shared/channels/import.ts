import { z } from 'zod';
import { newConsentSchema } from '../ledger';
import {
  DUPLICATE_CHOICES,
  IMPORT_TARGETS,
  ROW_ACTIONS,
  TEXT_ENCODINGS,
  importBatchSchema,
  importCountsSchema,
  importPreviewSchema,
  importProgressSchema,
  rowResultSchema,
} from '../import';
import { channel, empty } from './common';
import { importConsentSchema } from '../consent';

/**
 * Customers in from a file. The page never sends a path or the file's bytes: main shows the open
 * dialog, parses the file and keeps it under an opaque import id for this session only.
 */
const importId = z.string().min(1).max(64);
const byImport = z.object({ importId }).strict();

export const importMappingSchema = z
  .array(z.object({ letter: z.string().regex(/^[A-Z]{1,3}$/), target: z.enum(IMPORT_TARGETS) }).strict())
  .max(200);

export const importChannels = {
  'import.open': channel({
    input: empty,
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('cancelled') }),
      z.object({ status: z.literal('opened'), preview: importPreviewSchema }),
    ]),
    permission: 'customers.import',
  }),
  'import.preview': channel({
    input: z
      .object({
        importId,
        sheet: z.string().max(255).optional(),
        encoding: z.enum(TEXT_ENCODINGS).optional(),
        headerRow: z.number().int().min(1).max(1_000_000).optional(),
        /** Copy a vertically merged cell's value into every row of the merge (a company over its contacts). */
        fillMerged: z.boolean().optional(),
      })
      .strict(),
    output: importPreviewSchema,
    permission: 'customers.import',
  }),
  'import.dryRun': channel({
    input: z
      .object({
        importId,
        mapping: importMappingSchema,
        choice: z.enum(DUPLICATE_CHOICES),
        overrides: z.array(z.object({ row: z.number().int().min(1), choice: z.enum(DUPLICATE_CHOICES) }).strict()).max(100_000).optional(),
        rememberMapping: z.boolean(),
        // Owner only: a new consent for rows erased at their request (person_erased otherwise).
        newConsent: newConsentSchema.optional(),
      })
      .strict(),
    output: z.object({ counts: importCountsSchema, rows: z.array(rowResultSchema), total: z.number().int() }),
    permission: 'customers.import',
  }),
  'import.rows': channel({
    input: z
      .object({
        importId,
        action: z.enum([...ROW_ACTIONS, 'warning']).optional(),
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(500),
      })
      .strict(),
    output: z.object({ rows: z.array(rowResultSchema), total: z.number().int() }),
    permission: 'customers.import',
  }),
  'import.commit': channel({
    input: z
      .object({
        importId,
        confirmRepeat: z.boolean(),
        // Issue 16: a lawful basis for the customers this batch creates, a withdrawal for every customer it touches.
        consent: importConsentSchema.optional(),
      })
      .strict(),
    output: z.object({ batchId: z.string() }),
    permission: 'customers.import',
  }),
  'import.progress': channel({
    input: byImport,
    output: importProgressSchema,
    permission: 'customers.import',
  }),
  'import.cancel': channel({
    input: byImport,
    output: z.object({ cancelled: z.boolean() }),
    permission: 'customers.import',
  }),
  'import.saveErrors': channel({
    input: byImport,
    output: z.discriminatedUnion('status', [z.object({ status: z.literal('cancelled') }), z.object({ status: z.literal('saved'), rows: z.number().int() })]),
    permission: 'customers.import',
  }),
  'import.close': channel({
    input: byImport,
    output: z.object({ closed: z.literal(true) }),
    permission: 'customers.import',
  }),
  'import.history': channel({
    input: empty,
    output: z.array(importBatchSchema),
    permission: 'customers.import',
  }),
  'import.undo': channel({
    input: z.object({ batchId: z.string().min(1).max(64), force: z.boolean() }).strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('blocked'), editedSince: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
      z.object({ status: z.literal('undone'), removed: z.number().int(), restored: z.number().int(), kept: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
    ]),
    permission: 'customers.import',
  }),
} as const;
