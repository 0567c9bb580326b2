/** English text for owner-target steps on the Users page (two-person rule) and its confirmations. */
export const wireEn = {
  'approvals.other': '{by} asks for a change to the account {user}',
  'users.selfReset': 'Your own password: use “Change my password” on Home.',
  'dialog.ownerDisableTitle': 'Disable the owner {user}?',
  'dialog.ownerEnableTitle': 'Re-enable the owner {user}?',
  'dialog.ownerBody': '{user} is an owner. Type your own password to confirm. If another owner can approve, this is sent to them and happens only once they approve.',
  'dialog.ownerResetTitle': 'Confirm the new password for the owner {user}',
  'dialog.ownerConfirm': 'Confirm',
  'dialog.createOwnerTitle': 'Add {user} as an owner?',
  'dialog.createOwnerBody': 'An owner can do everything in Coffer, including managing users. Type your own password to confirm. If another owner can approve, {user} is created only once they approve.',
  'stale.dialogTitle': 'Disable {name}?',
  'assign.dialogTitle': 'Assign to {name}?',
  'dialog.disableTitle': 'Disable {user}?',
} as const;
