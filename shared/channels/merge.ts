import { z } from 'zod';
import { customerViewSchema } from '../customers';
import { channel } from './common';

/** The customer fields a merge chooses one by one (tags are always unioned). */
export const MERGE_FIELDS = [
  'name', 'mobile', 'phone', 'email', 'wechat', 'birthday', 'province', 'city', 'addressDetail', 'company',
  'industry', 'region', 'source', 'level', 'notes', 'idNumber', 'bankCard',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** At most three customers at once: Odoo's limit "for safety reasons", and a screen's width. */
export const MERGE_MAX = 3;
export const MERGE_UNDO_DAYS = 30;

/** Why an undo is refused (error fields.merge), so the screen can say what to do next. */
export const MERGE_UNDO_REFUSALS = ['expired', 'undone', 'edited', 'survivor_deleted', 'source_gone', 'source_restored'] as const;

const customerId = z.number().int().positive();
const ids = z
  .array(customerId)
  .min(2)
  .max(MERGE_MAX)
  .refine((list) => new Set(list).size === list.length, { message: 'duplicate' });

const movesSchema = z.object({ interactions: z.number().int(), purchases: z.number().int(), reminders: z.number().int() });

export const mergePreviewSchema = z.object({
  /** In the order asked for, masked exactly as customers.get masks them for this role. */
  customers: z.array(customerViewSchema),
  /** The most recently updated one: its values win by default, blanks filled from the others. */
  suggestedSurvivorId: z.number().int(),
  /**
   * Fields this role sees (full or masked; hidden ones are left out), whether their values
   * differ, and whether this role may choose a source's value (not for a field it sees masked).
   */
  fields: z.array(z.object({ field: z.enum(MERGE_FIELDS), differs: z.boolean(), choosable: z.boolean() })),
  /** What each customer brings along to the survivor. */
  moves: z.array(movesSchema.extend({ customerId: z.number().int() })),
});
export type MergePreview = z.infer<typeof mergePreviewSchema>;

export const mergeRecordSchema = z.object({
  id: z.string(),
  survivorId: z.number().int(),
  survivorName: z.string(),
  sources: z.array(z.object({ id: z.number().int(), name: z.string() })),
  byUsername: z.string(),
  mergedAt: z.string(),
  undoUntil: z.string(),
  undoneAt: z.string().nullable(),
  moved: movesSchema,
});
export type MergeRecord = z.infer<typeof mergeRecordSchema>;

/**
 * Merging two or three customers into one. The channel needs customers.write; the service also
 * needs customers.delete reaching every record (the sources end up in the recycle bin).
 */
export const mergeChannels = {
  'customers.mergePreview': channel({
    input: z.object({ ids }).strict(),
    output: mergePreviewSchema,
    permission: 'customers.write',
  }),
  'customers.merge': channel({
    input: z
      .object({
        survivorId: customerId,
        ids,
        /** Field -> the customer whose value the survivor takes; fields left out keep the default. */
        fields: z.partialRecord(z.enum(MERGE_FIELDS), customerId).default({}),
      })
      .strict()
      .refine((v) => v.ids.includes(v.survivorId), { message: 'survivor_not_among', path: ['survivorId'] }),
    output: z.object({ mergeId: z.string(), survivor: customerViewSchema, undoUntil: z.string(), notes: z.number().int() }),
    permission: 'customers.write',
  }),
  'customers.mergeUndo': channel({
    input: z.object({ mergeId: z.uuid() }).strict(),
    output: z.object({ restored: z.array(z.number().int()) }),
    permission: 'customers.write',
  }),
  'customers.merges': channel({
    input: z.object({}).strict(),
    output: z.array(mergeRecordSchema),
    permission: 'customers.write',
  }),
} as const;
