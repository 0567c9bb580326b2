import { z } from 'zod';

/**
 * The decision ledger's side file as a restore found it (electron/core/privacy/ledger-service.ts):
 * 'ok' read and authenticated; 'missing' not found; 'tampered' failed authentication (changed or
 * damaged outside Coffer); 'other-key' written under a database key this restore does not hold.
 */
export const SIDE_FILE_STATES = ['ok', 'missing', 'tampered', 'other-key'] as const;
export type SideFileState = (typeof SIDE_FILE_STATES)[number];

/** What a restore re-applied from the decision ledger: counts only, shown at sign-in. */
export const ledgerRestoreSchema = z.object({
  reapplied: z.number().int(),
  alreadyInEffect: z.number().int(),
  heldBack: z.number().int(),
  sideFile: z.enum(SIDE_FILE_STATES),
});
export type LedgerRestoreView = z.infer<typeof ledgerRestoreSchema>;
