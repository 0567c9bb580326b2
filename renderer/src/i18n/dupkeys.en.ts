/** English text for the live duplicate warning in the customer form. */
export const dupkeysEn = {
  'dup.exists': 'A customer with this phone or e-mail already exists. Open it instead of adding a second record:',
  'dup.outOfScope': 'This phone or e-mail may belong to a customer of another owner. Ask a manager before adding it.',
  'dup.possible': 'Possibly the same person (same name and company or city):',
  'dup.leaveTitle': 'Open {name}?',
  'dup.leaveMessage': 'What you typed in this form is not saved and will be discarded.',
  'dup.leaveYes': 'Discard and open',
} as const;
