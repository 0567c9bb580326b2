import { z } from 'zod';
import { CONSENT_PURPOSES, EVIDENCE_SOURCES, type ConsentPurpose } from './consent';
import { ALL_LAWFUL_BASES } from './privacy';

/**
 * The decision ledger's side file as a restore found it (electron/core/privacy/ledger-service.ts):
 * 'ok' read and authenticated; 'missing' not found; 'tampered' failed authentication (changed or
 * damaged outside Coffer); 'other-key' written under a database key this restore does not hold.
 */
export const SIDE_FILE_STATES = ['ok', 'missing', 'tampered', 'other-key'] as const;
export type SideFileState = (typeof SIDE_FILE_STATES)[number];

/**
 * Where a restore read the decisions it re-applied: the live vault (in place), the side file, the
 * newest backup newer than the restored one (a new computer without a usable side file), or
 * nowhere: then people erased and users disabled after the backup may be back.
 */
export const LEDGER_SOURCES = ['live-vault', 'side-file', 'newest-backup', 'none'] as const;

/** What a restore re-applied from the decision ledger: counts only, shown at sign-in. */
export const ledgerRestoreSchema = z.object({
  reapplied: z.number().int(),
  alreadyInEffect: z.number().int(),
  heldBack: z.number().int(),
  sideFile: z.enum(SIDE_FILE_STATES),
  ledgerSource: z.enum(LEDGER_SOURCES),
  // 'newest-backup': when that backup was made (ISO); null otherwise.
  ledgerSourceAt: z.string().nullable(),
});
export type LedgerRestoreView = z.infer<typeof ledgerRestoreSchema>;

/** The purposes a new consent can name: the fixed ones (a custom label is the owner's text, kept out of this path). */
export const NEW_CONSENT_PURPOSES = CONSENT_PURPOSES.filter((p): p is Exclude<ConsentPurpose, 'custom'> => p !== 'custom');

/**
 * The owner's new consent for a person on the ledger (the create form and the importer's
 * owner-only override): the consent event(s) recorded on the new customer (one per purpose, origin
 * 'after-erasure'), so its consent history says why the person is back. Only fixed words reach
 * the audit log, never a name.
 */
export const newConsentSchema = z
  .object({
    purposes: z
      .array(z.enum(NEW_CONSENT_PURPOSES as [Exclude<ConsentPurpose, 'custom'>, ...Exclude<ConsentPurpose, 'custom'>[]]))
      .min(1)
      .max(NEW_CONSENT_PURPOSES.length)
      .refine((list) => new Set(list).size === list.length, { message: 'Each purpose once.' }),
    basis: z.enum(ALL_LAWFUL_BASES),
    separate: z.boolean(),
    evidenceSource: z.enum(EVIDENCE_SOURCES),
    evidenceDate: z.iso.date(),
    noticeVersion: z.number().int().positive().optional(),
  })
  .strict();
export type NewConsent = z.infer<typeof newConsentSchema>;
