import { z } from 'zod';

/**
 * The privacy regime the shop works under (issue 16). It picks the lawful bases on offer and the
 * default deadlines for data-subject requests. Legal figures are defaults the owner can change
 * ("verify with counsel", wave2-features.md section 4), never hard-coded truths.
 */
export const PRIVACY_REGIMES = ['pipl', 'gdpr', 'ccpa'] as const;
export type PrivacyRegime = (typeof PRIVACY_REGIMES)[number];
export const DEFAULT_PRIVACY_REGIME: PrivacyRegime = 'pipl';

/**
 * Lawful bases per regime. PIPL art. 13's grounds; GDPR art. 6's (legitimate interest only under
 * GDPR); CCPA has no lawful-basis model, so consent and contract are what a shop records there.
 */
export const LAWFUL_BASES = {
  pipl: ['consent', 'contract', 'legal-obligation', 'vital-interest', 'public-interest', 'news-reporting', 'already-public'],
  gdpr: ['consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest'],
  ccpa: ['consent', 'contract', 'legal-obligation'],
} as const satisfies Record<PrivacyRegime, readonly string[]>;
export const ALL_LAWFUL_BASES = [...new Set(Object.values(LAWFUL_BASES).flat())] as [string, ...string[]];
export type LawfulBasis = (typeof LAWFUL_BASES)[PrivacyRegime][number];

export function basisAllowed(regime: PrivacyRegime, basis: string): boolean {
  return (LAWFUL_BASES[regime] as readonly string[]).includes(basis);
}

export const PRIVACY_CONTACT_MAX = 200;

export const privacySettingsSchema = z.object({
  regime: z.enum(PRIVACY_REGIMES),
  // Who customers reach about their data: shown in the privacy notice and in request replies.
  contactName: z.string().max(PRIVACY_CONTACT_MAX),
  contactReach: z.string().max(PRIVACY_CONTACT_MAX),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;
