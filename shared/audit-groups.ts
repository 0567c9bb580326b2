/**
 * How the audit page groups actions for its filter list, and which actions are reads (hidden by
 * default so that changes, reveals, refusals and sign-ins stand out). Plain action names: the
 * renderer reads this too, and tests/unit/audit-words.test.ts checks that every action of
 * AUDIT_ACTIONS (electron/core/audit/audit-log.ts) is in exactly one group.
 */
export const AUDIT_GROUPS = {
  customers: [
    'customer.read', 'customer.probe', 'customer.list', 'customer.search', 'customer.create', 'customer.update', 'customer.delete',
    'customer.restore', 'customer.reveal', 'customer.tag', 'customer.owner', 'customer.merge', 'customer.mergeUndo',
    'interaction.create', 'purchase.create', 'reminder.create', 'reminder.update', 'reminder.list', 'reminder.done', 'reminder.snooze',
    'dashboard.read', 'customer.lookup', 'interaction.update', 'interaction.delete', 'purchase.update', 'purchase.delete',
    'settings.customerField', 'privacy.settings', 'privacy.disclosure',
    'consent.read', 'consent.record', 'consent.missing', 'consent.notice',
    'ledger.supersede',
  ],
  signIn: ['login', 'login.failed', 'logout', 'lockout', 'session.locked', 'session.unlocked', 'user.2fa.recoveryCode'],
  users: [
    'user.list', 'user.create', 'user.role', 'user.disable', 'user.enable', 'user.password.reset', 'user.password.change',
    'user.2fa.enable', 'user.2fa.disable', 'user.staleReport', 'approval.request', 'approval.approve', 'approval.reject',
    'approval.cancel', 'approval.expire', 'approval.execute', 'approval.policy',
    'user.accessReview', 'user.accessReviewDone', 'dataRules.accept',
  ],
  transfer: ['customer.export', 'user.accessReviewExport', 'customer.import', 'customer.importUndo',
    'customer.accessPackage',
  ],
  backups: ['backup.run', 'backup.drill', 'backup.restore',
    'ledger.reapply', 'ledger.sideFile',
  ],
  settings: ['dataRules.set', 'settings.change', 'settings.list.rename', 'settings.list.move', 'settings.screenProtection', 'vault.setup', 'vault.rotateKey', 'vault.unlock'],
  privacy: ['privacy.lookup', 'privacy.erase', 'privacy.hold', 'privacy.purge', 'privacy.log',
    'privacy.check',
    'retention.settings', 'retention.rule', 'retention.dryRun', 'retention.run', 'retention.dormant', 'retention.wake', 'retention.notice', 'retention.batch',
    'breach.create', 'breach.update', 'breach.read', 'breach.affected', 'breach.notice', 'breach.evidence', 'breach.settings',
  ],
  privacyRequests: ['privacyRequest.list', 'privacyRequest.read', 'privacyRequest.create', 'privacyRequest.update', 'privacyRequest.settings'],
  security: ['audit.read', 'audit.verify', 'ipc.rejected', 'alert', 'alert.raise', 'alert.acknowledge', 'monitoring.rule', 'session.stepUp'],
} as const satisfies Record<string, readonly string[]>;

export type AuditGroup = keyof typeof AUDIT_GROUPS;
export const AUDIT_GROUP_NAMES = Object.keys(AUDIT_GROUPS) as [AuditGroup, ...AuditGroup[]];

/**
 * Reads that only looked: opening a record, lists, searches, the dashboard, the log itself. A
 * reveal of a full value is not here on purpose: it is the read a reviewer most wants to see.
 */
export const AUDIT_READ_ACTIONS: readonly string[] = [
  'customer.read', 'customer.list', 'customer.search', 'reminder.list', 'dashboard.read', 'user.list', 'user.staleReport', 'audit.read', 'user.accessReview',
  'privacyRequest.list', 'privacyRequest.read',
  'consent.read', 'consent.missing',
  'privacy.lookup', 'privacy.log',
  'retention.dryRun', 'retention.dormant',
  'breach.read',
];
