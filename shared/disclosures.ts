import { z } from 'zod';
import { ALL_LAWFUL_BASES, PRIVACY_REGIMES } from './privacy';

/**
 * A disclosure to a third party (issue 16, "around the register"): who received what, why, under
 * which agreement and lawful basis. Marked on an export, it is written with the export's audit row.
 */
export const DISCLOSURE_RECIPIENT_MAX = 200;
export const DISCLOSURE_PURPOSE_MAX = 500;
export const DISCLOSURE_AGREEMENT_MAX = 200;

export const disclosureInputSchema = z
  .object({
    recipient: z.string().trim().min(1).max(DISCLOSURE_RECIPIENT_MAX),
    purpose: z.string().trim().min(1).max(DISCLOSURE_PURPOSE_MAX),
    agreementRef: z.string().trim().max(DISCLOSURE_AGREEMENT_MAX).default(''),
    // Checked against the shop's regime in main (basisAllowed): legitimate interest only under GDPR.
    basis: z.enum(ALL_LAWFUL_BASES),
  })
  .strict();
export type DisclosureInput = z.input<typeof disclosureInputSchema>;

export const disclosureViewSchema = z.object({
  id: z.number().int(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  recipient: z.string(),
  purpose: z.string(),
  agreementRef: z.string(),
  basis: z.string(),
  regime: z.enum(PRIVACY_REGIMES),
  exportId: z.string().nullable(),
  /** The list filter the export used (level, tag, owner, region, dormant days): never cell values. */
  filter: z.record(z.string(), z.union([z.string(), z.number()])),
  columns: z.array(z.string()),
  rows: z.number().int(),
});
export type DisclosureView = z.infer<typeof disclosureViewSchema>;
