/** Decisions a restore cannot undo (issue 16): the decision ledger's words. */
export const ledgerEn = {
  'error.PERSON_ERASED': 'This person was erased at their request; a new consent is needed before they can be added again. Only the owner can record it.',
  'error.LEDGER_TAMPERED': 'The decision ledger file beside this backup was changed or damaged outside Coffer, so decisions made after the backup cannot be re-applied from it. Nothing was restored.',
  'drill.erased-absent': 'No one erased at their request comes back',
  'drillProof.erased-absent': 'After the restore re-applied the decision ledger, no one erased at their request was in the copy.',
  'ledger.reapplied': 'Decisions made after this backup and re-applied before sign-in (users disabled, roles lowered, passwords reset, erasures): {count}.',
  'ledger.heldBack': 'Decisions not re-applied: {count}. Re-applying them would have left no active owner, or erasures cannot be re-applied yet. Check Users and the erased people now.',
  'ledger.sideFile.missing': 'No decision ledger file was found beside the database or the backup. Decisions made after this backup (users disabled, people erased) may be undone: check Users and the erased people now.',
  'ledger.sideFile.tampered': 'Warning: the decision ledger file was changed or damaged outside Coffer. It was set aside as evidence. Check Users and the erased people now, and who can reach this computer and the backup folder.',
  'ledger.sideFile.other-key': 'The decision ledger file was written under a newer database key this restore does not have. Decisions made after this backup may be undone: check Users and the erased people now.',
  'ledger.restoreAnyway': 'Restore anyway; I will check users and erased people myself',
  'ledger.consentTitle': 'Record a new consent',
  'ledger.consentBody': 'This person was erased at their request. Add them again only with their new consent: record what they agreed to, on which basis, and the evidence. It goes into the new record\'s consent history.',
  'ledger.consentSave': 'Record consent and save',
  'ledger.importConsent': 'These people gave a new consent (owner only): let rows erased at their request in',
  'ledger.consentPurposes': 'They agreed to',
  'ledger.importConsentApply': 'Check the file again with this consent',
} as const;
