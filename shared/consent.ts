import { z } from 'zod';
import { ALL_LAWFUL_BASES, type PrivacyRegime } from './privacy';

/**
 * Consent and lawful basis (issue 16). A customer's consent is a history of events per purpose,
 * never a field edited in place: the current state of a purpose is its latest event.
 */
export const CONSENT_PURPOSES = ['marketing-sms', 'wechat-marketing', 'phone-follow-up', 'third-party-sharing', 'cross-border', 'sensitive-data', 'custom'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** PIPL arts. 29, 23, 39: these need separate consent (单独同意) when consent is the basis. */
export const SEPARATE_CONSENT_PURPOSES: readonly ConsentPurpose[] = ['third-party-sharing', 'cross-border', 'sensitive-data'];

/** What an export or a reminder can be marked for: contacting the customer to sell. */
export const MARKETING_PURPOSES = ['marketing-sms', 'wechat-marketing', 'phone-follow-up'] as const;
export type MarketingPurpose = (typeof MARKETING_PURPOSES)[number];
export const marketingPurposeSchema = z.enum(MARKETING_PURPOSES);

export const CONSENT_EVENTS = ['granted', 'withdrawn', 'renewed'] as const;
export type ConsentEventKind = (typeof CONSENT_EVENTS)[number];

export const EVIDENCE_SOURCES = ['paper-form', 'in-store-verbal', 'wechat', 'web-form', 'import', 'other'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const CONSENT_ORIGINS = ['after-erasure', 'merged'] as const;

export const CUSTOM_LABEL_MAX = 80;
export const NOTICE_TEXT_MAX = 20_000;

const isoDate = z.iso.date();

/** Whether PIPL wants separate consent for this purpose under this basis. */
export function needsSeparateConsent(regime: PrivacyRegime, purpose: ConsentPurpose, basis: string | null): boolean {
  return regime === 'pipl' && basis === 'consent' && SEPARATE_CONSENT_PURPOSES.includes(purpose);
}

/** One new event. A withdrawal has no basis (it ends whatever the basis was). */
export const consentRecordInput = z
  .object({
    customerId: z.number().int().positive(),
    purpose: z.enum(CONSENT_PURPOSES),
    customLabel: z.string().trim().min(1).max(CUSTOM_LABEL_MAX).optional(),
    event: z.enum(CONSENT_EVENTS),
    basis: z.enum(ALL_LAWFUL_BASES).optional(),
    separate: z.boolean(),
    evidenceSource: z.enum(EVIDENCE_SOURCES),
    evidenceDate: isoDate,
    noticeVersion: z.number().int().positive().optional(),
    // A withdrawal recorded for a data-subject request (the register); main links it to the request.
    requestId: z.number().int().positive().optional(),
  })
  .strict();
export type ConsentRecordInput = z.infer<typeof consentRecordInput>;

/** The batch-wide consent an import records: a basis for the customers it creates, a withdrawal for every customer it touches. */
export const importConsentSchema = z
  .object({
    grant: z
      .object({
        purpose: z.enum(CONSENT_PURPOSES),
        customLabel: z.string().trim().min(1).max(CUSTOM_LABEL_MAX).optional(),
        basis: z.enum(ALL_LAWFUL_BASES),
        separate: z.boolean(),
        evidenceSource: z.enum(EVIDENCE_SOURCES),
        evidenceDate: isoDate,
        noticeVersion: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    withdraw: z
      .object({
        purpose: z.enum(CONSENT_PURPOSES),
        customLabel: z.string().trim().min(1).max(CUSTOM_LABEL_MAX).optional(),
        evidenceSource: z.enum(EVIDENCE_SOURCES),
        evidenceDate: isoDate,
      })
      .strict()
      .optional(),
  })
  .strict();
export type ImportConsent = z.infer<typeof importConsentSchema>;

export const consentEventSchema = z.object({
  id: z.number().int(),
  purpose: z.enum(CONSENT_PURPOSES),
  customLabel: z.string().nullable(),
  event: z.enum(CONSENT_EVENTS),
  basis: z.string().nullable(),
  separate: z.boolean(),
  evidenceSource: z.enum(EVIDENCE_SOURCES),
  evidenceDate: z.string(),
  noticeVersion: z.number().int().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  /** Not recorded on this page: the owner's new consent after an erasure, or a copy from a merged customer (mergedFrom). */
  origin: z.enum(CONSENT_ORIGINS).nullable(),
  mergedFrom: z.number().int().nullable(),
});
export type ConsentEvent = z.infer<typeof consentEventSchema>;

export const consentStateSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  customLabel: z.string().nullable(),
  state: z.enum(['active', 'withdrawn']),
  basis: z.string().nullable(),
  since: z.string(),
});
export type ConsentState = z.infer<typeof consentStateSchema>;

export const privacyNoticeSchema = z.object({
  version: z.number().int(),
  text: z.string(),
  effectiveDate: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type PrivacyNotice = z.infer<typeof privacyNoticeSchema>;

/** What an export marked for a purpose left out, and why. */
export const consentLeftOutSchema = z.object({ purpose: marketingPurposeSchema, withdrawn: z.number().int(), neverGranted: z.number().int() });
export type ConsentLeftOut = z.infer<typeof consentLeftOutSchema>;
