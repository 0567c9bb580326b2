import { z } from 'zod';

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

/**
 * How the owner's new consent for a person on the ledger was given (the create form and the
 * importer's owner-only override). A fixed list, never free text: the audit row must not carry a
 * name. The consent stream will turn this into a consent event.
 */
export const NEW_CONSENT_SOURCES = ['paper', 'wechat', 'phone', 'in-store', 'web', 'other'] as const;
export const newConsentSchema = z.object({ source: z.enum(NEW_CONSENT_SOURCES) }).strict();
export type NewConsent = z.infer<typeof newConsentSchema>;
