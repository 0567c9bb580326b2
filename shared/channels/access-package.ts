import { z } from 'zod';
import { channel, empty } from './common';

export const ACCESS_PACKAGE_STEPS = ['folder', 'reading', 'workbook', 'json', 'encrypt', 'writing'] as const;

/** The sections an access package names on its cover and in its audit row, with their row counts. */
export const accessPackageContentsSchema = z.array(z.object({ section: z.string(), rows: z.number().int() }));

/**
 * Issue 16's access package (a data subject's copy, and portability): everything Coffer holds
 * about one customer as .xlsx and JSON in an AES-256 zip. Main picks the folder and writes the
 * file; the answer carries the one-time password, shown once and never stored, logged or audited.
 */
export const accessPackageChannels = {
  'privacy.accessPackage': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        // The data-subject request this answers (the requests register), when there is one.
        requestId: z.number().int().positive().nullable().optional(),
      })
      .strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('cancelled') }),
      z.object({
        status: z.literal('saved'),
        fileName: z.string(),
        /** Shown to the user once, to pass to the customer by another way than the file. */
        password: z.string(),
        sha256: z.string(),
        contents: accessPackageContentsSchema,
      }),
    ]),
    permission: 'customers.accessPackage',
  }),
  // What the caller's own package is doing (a long history takes a moment); no customer data.
  'privacy.accessPackageProgress': channel({
    input: empty,
    output: z.object({ step: z.enum(ACCESS_PACKAGE_STEPS).nullable() }),
    permission: 'customers.accessPackage',
  }),
} as const;
