// Permissions are the vocabulary of the policy table. The table itself (who has which) grows
// with the access-control issue; channels name exactly one permission each.
export const PERMISSIONS = ['backup.configure', 'vault.rotateKey'] as const;
export type Permission = (typeof PERMISSIONS)[number];
