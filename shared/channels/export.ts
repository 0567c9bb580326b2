import { z } from 'zod';
import { approvalIdField } from '../approvals';
import { customerFiltersSchema } from '../customers';
import { consentLeftOutSchema, marketingPurposeSchema } from '../consent';
import { channel } from './common';
import { disclosureInputSchema } from '../disclosures';

/** Every customer field an export can carry, in the order a sheet shows them by default. */
export const EXPORT_COLUMNS = [
  'name', 'level', 'ownerUsername', 'tags', 'mobile', 'phone', 'email', 'wechat', 'birthday', 'province', 'city', 'addressDetail',
  'company', 'industry', 'region', 'source', 'notes', 'idNumber', 'bankCard', 'createdAt', 'updatedAt', 'lastInteractionAt',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/**
 * "This view with these columns": the page sends the list's filters and the columns it wants,
 * never a path; main asks the person where to save and writes the file itself.
 */
export const exportChannels = {
  'customers.export': channel({
    input: z
      .object({
        format: z.enum(['xlsx', 'csv']),
        encoding: z.enum(['utf8', 'gbk']).optional(),
        filters: customerFiltersSchema.optional(),
        columns: z.array(z.enum(EXPORT_COLUMNS)).min(1).max(EXPORT_COLUMNS.length),
        // Every customer, more than the policy's rows, or a manager's export: an approved request.
        approvalId: approvalIdField,
        // Marked as a disclosure to a third party (issue 16): recipient, purpose, agreement, lawful basis.
        disclosure: disclosureInputSchema.optional(),
        // Marked for a marketing purpose: customers who withdrew it or never granted it are left out (issue 16).
        purpose: marketingPurposeSchema.optional(),
      })
      .strict()
      .refine((v) => v.format === 'csv' || v.encoding === undefined, { message: 'encoding is for csv only', path: ['encoding'] }),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('cancelled') }),
      z.object({
        status: z.literal('saved'),
        exportId: z.string(),
        rows: z.number().int(),
        /** Columns left out because the role may not see them. */
        omitted: z.array(z.enum(EXPORT_COLUMNS)),
        masked: z.array(z.enum(EXPORT_COLUMNS)),
        /** GBK only: characters the encoding could not hold (written as '?'). */
        unencodable: z.number().int(),
        /** Only for an export marked for a purpose: how many customers it left out, and why. */
        consentLeftOut: consentLeftOutSchema.optional(),
      }),
    ]),
    permission: 'customers.export',
  }),
} as const;
