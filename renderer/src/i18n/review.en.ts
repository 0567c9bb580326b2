/** The shop's data rules (acceptance screen, Settings) and the owner's access review (issue 15). */
export const reviewEn = {
  'error.DATA_RULES_NOT_ACCEPTED': "Read and accept the shop's data rules to continue.",
} as const;
