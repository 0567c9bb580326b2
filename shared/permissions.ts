/**
 * The policy table of DESIGN.md section 3, as data: the router, the UI and the tests all read
 * this one table. A grant is 'all', 'own' (only customers the user owns), 'approval' (needs a
 * second admin, or re-authentication in a one-admin vault) or 'none'.
 */
export const ROLES = ['owner', 'manager', 'sales', 'support', 'auditor'] as const;
export type PolicyRole = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customers.read',
  'customers.write',
  'customers.delete',
  'customers.reveal',
  'customers.export',
  'customers.import',
  'customers.assign',
  'interactions.read',
  'interactions.write',
  'purchases.read',
  'purchases.write',
  'reminders.read',
  'reminders.write',
  'users.manage',
  'audit.read',
  'audit.verify',
  'backup.run',
  'backup.drill',
  'backup.restore',
  'backup.configure',
  'vault.rotateKey',
  'settings.manage',
  'account.self',
  'approvals.decide',
  'alerts.read',
  'alerts.manage',
  'privacyRequests.read',
  'privacyRequests.write',
  'customers.accessPackage',
  'consent.read',
  'consent.write',
  'customers.erase',
  'customers.purge',
  'privacy.log',
  'retention.read',
  'retention.manage',
  'breach.read',
  'breach.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Grant = 'all' | 'own' | 'approval' | 'none';

type Row = Record<PolicyRole, Grant>;
const row = (owner: Grant, manager: Grant, sales: Grant, support: Grant, auditor: Grant): Row => ({ owner, manager, sales, support, auditor });

export const POLICY: Readonly<Record<Permission, Row>> = {
  //                                 owner   manager     sales   support  auditor
  'customers.read': row('all', 'all', 'own', 'all', 'none'), // support: basic fields only (FIELD_POLICY)
  'customers.write': row('all', 'all', 'own', 'none', 'none'),
  'customers.delete': row('all', 'all', 'own', 'none', 'none'),
  'customers.reveal': row('all', 'all', 'own', 'none', 'none'), // per field: FIELD_POLICY.reveal
  'customers.export': row('all', 'approval', 'none', 'none', 'none'),
  // sales: into their own book only (new customers are theirs; updates only of customers they own).
  'customers.import': row('all', 'all', 'own', 'none', 'none'),
  'customers.assign': row('all', 'all', 'none', 'none', 'none'), // hand customers to another owner (a leaver's)
  'interactions.read': row('all', 'all', 'own', 'all', 'none'),
  'interactions.write': row('all', 'all', 'own', 'all', 'none'),
  'purchases.read': row('all', 'all', 'own', 'none', 'none'),
  'purchases.write': row('all', 'all', 'own', 'none', 'none'),
  'reminders.read': row('all', 'all', 'own', 'all', 'none'),
  'reminders.write': row('all', 'all', 'own', 'all', 'none'),
  'users.manage': row('all', 'none', 'none', 'none', 'none'),
  'audit.read': row('all', 'all', 'none', 'none', 'all'),
  'audit.verify': row('all', 'all', 'none', 'none', 'all'),
  'backup.run': row('all', 'all', 'none', 'none', 'none'),
  'backup.drill': row('all', 'all', 'none', 'none', 'none'),
  'backup.restore': row('all', 'none', 'none', 'none', 'none'),
  'backup.configure': row('all', 'none', 'none', 'none', 'none'),
  'vault.rotateKey': row('all', 'none', 'none', 'none', 'none'),
  'settings.manage': row('all', 'none', 'none', 'none', 'none'),
  'account.self': row('all', 'all', 'all', 'all', 'all'), // one's own 2FA and password
  // Ask for, list and decide four-eyes approvals (owner-only operations: core checks the role).
  'approvals.decide': row('all', 'all', 'none', 'none', 'none'),
  'alerts.read': row('all', 'all', 'none', 'none', 'all'), // the monitoring alert inbox
  'alerts.manage': row('all', 'all', 'none', 'none', 'none'), // acknowledge an alert
  // The data-subject request and complaint register (issue 16): owner and manager keep it, the auditor reads it.
  'privacyRequests.read': row('all', 'all', 'none', 'none', 'all'),
  'privacyRequests.write': row('all', 'all', 'none', 'none', 'none'),
  // A customer's access package (issue 16): everything about one person, ID number and bank card
  // included in full, which only the owner may reveal; so only the owner, no approval (one person).
  'customers.accessPackage': row('all', 'none', 'none', 'none', 'none'),
  // Consent history (issue 16): read like the record; recorded by whoever edits the customer (support reads only).
  'consent.read': row('all', 'all', 'own', 'all', 'none'),
  'consent.write': row('all', 'all', 'own', 'none', 'none'),
  // Erase or anonymise a person, hold or empty the recycle bin (issue 16). A manager may ask, and
  // always needs an owner's yes ('approval': core's gate, owner-only approval); nobody else may.
  'customers.erase': row('all', 'approval', 'none', 'none', 'none'),
  'privacy.log': row('all', 'none', 'none', 'none', 'all'), // the deletion record: owner and auditor
  // Empty the recycle bin (delete for real) and set the legal hold that keeps an item and its accounts.
  'customers.purge': row('all', 'none', 'none', 'none', 'none'),
  // Retention (issue 17): owner and manager see the rules, dry run and dormant view; only the owner changes or runs them.
  'retention.read': row('all', 'all', 'none', 'none', 'none'),
  'retention.manage': row('all', 'none', 'none', 'none', 'none'),
  // The breach register (issue 17): the owner keeps it (containment, notices, evidence); a manager reads it.
  'breach.read': row('all', 'all', 'none', 'none', 'none'),
  'breach.manage': row('all', 'none', 'none', 'none', 'none'),
};

/** Unknown roles and permissions get 'none': the table fails closed. */
export function grantFor(role: string, permission: string): Grant {
  // Own keys only: "constructor" or "__proto__" must not find Object.prototype's members.
  if (!Object.hasOwn(POLICY, permission) || !(ROLES as readonly string[]).includes(role)) return 'none';
  const entry = (POLICY as Record<string, Row>)[permission]!;
  return entry[role as PolicyRole];
}

/** Whether a grant reaches a customer owned by `ownerId` for this user: 'all' does, 'own' only their own. */
export function grantReaches(grant: Grant, ownerId: number, userId: number): boolean {
  return grant === 'all' || (grant === 'own' && ownerId === userId);
}

/**
 * Whether the role may call a channel that needs this permission at all (scope comes later).
 * 'approval' lets the call through to core, whose approval gate (electron/core/approvals) refuses
 * it without an approved request: fail closed there, not here.
 */
export function can(role: string, permission: string): boolean {
  const grant = grantFor(role, permission);
  return grant === 'all' || grant === 'own' || grant === 'approval';
}
