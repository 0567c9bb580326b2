/** English text for the audit page: chain anchors in backups, and "customers seen by". */
export const auditEn = {
  'audit.anchorBroken': 'The audit log no longer matches backup {backup}: entry #{id} is missing or was rewritten. Keep that backup, do not prune it, and find out who changed the database.',
  'audit.anchorsChecked': 'Checked against {count} backup(s) in the backup folder.',
  'audit.anchorsNotChecked': '{count} backup(s) could not be compared (made under an earlier key, or damaged).',
  'audit.anchorsSuperseded': '{count} backup(s) made between a restored backup and its restore were set aside: the log went on from the restored one. If nobody restored a backup, treat this as tampering.',
  'audit.anchorsUnavailable': 'The backup folder cannot be reached, so the log was not compared with the backups. Reconnect the folder and verify again.',
  'audit.anchorsNoFolder': 'No backup folder is chosen, so the log could not be compared with backups. Choose one on the Backups page.',
  'audit.seenTitle': 'Customers seen by a user',
  'audit.seenUser': 'Username',
  'audit.seenShow': 'Look up',
  'audit.seenResult': '{username} was shown {count} customer(s) in this period. Customer ids: {ids}',
  'audit.seenNone': '{username} was shown no customers in this period.',
} as const;
