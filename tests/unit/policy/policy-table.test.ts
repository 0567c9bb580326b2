import { describe, expect, it } from 'vitest';
import { SENSITIVE_CUSTOMER_FIELDS } from '../../../shared/customers';
import { canQueryField, canRevealField, fieldVisibility } from '../../../shared/field-policy';
import { POLICY, PERMISSIONS, ROLES, can, grantFor, type Grant, type Permission, type PolicyRole } from '../../../shared/permissions';

/**
 * DESIGN.md section 3, cell for cell in its own words (columns: owner, manager, sales, support,
 * auditor). Each wording is translated below into what the code's tables must say, so a change
 * to either the design or the code that the other does not follow fails here.
 */
const DESIGN_TABLE = {
  'see customers': ['all', 'all', 'own only', 'all, basic fields', 'none'],
  'edit customers': ['all', 'all', 'own only', 'none', 'none'],
  'reveal phone / email / address': ['yes', 'yes', 'own, audited', 'no', 'no'],
  'reveal ID number / bank card': ['yes', 'no', 'no', 'no', 'no'],
  'interactions (read, add)': ['all', 'all', 'own', 'all', 'none'],
  purchases: ['all', 'all', 'own', 'none', 'none'],
  export: ['yes', 'needs approval', 'no', 'no', 'no'],
  'users and roles': ['yes', 'no', 'no', 'no', 'no'],
  'audit log': ['yes', 'read', 'no', 'no', 'read'],
  'backups, restore drills': ['yes', 'back up, drill', 'no', 'no', 'no'],
} as const;

const CONTACT = ['mobile', 'phone', 'email', 'addressDetail'] as const;
const IDENTITY = ['idNumber', 'bankCard'] as const;
const RANK: Record<Grant, number> = { none: 0, approval: 1, own: 2, all: 3 };

/** The grants a DESIGN cell implies, per permission. */
function expectedGrants(capability: keyof typeof DESIGN_TABLE, cell: string): Partial<Record<Permission, Grant>> {
  const scope: Grant = cell.startsWith('own') ? 'own' : cell.startsWith('all') ? 'all' : 'none';
  switch (capability) {
    case 'see customers':
      return { 'customers.read': scope };
    case 'edit customers':
      return { 'customers.write': scope };
    case 'interactions (read, add)':
      return { 'interactions.read': scope, 'interactions.write': scope };
    case 'purchases':
      return { 'purchases.read': scope, 'purchases.write': scope };
    case 'export':
      return { 'customers.export': cell === 'yes' ? 'all' : cell === 'needs approval' ? 'approval' : 'none' };
    case 'users and roles':
      return { 'users.manage': cell === 'yes' ? 'all' : 'none' };
    case 'audit log': {
      // Verifying the chain only reads it, so whoever may read the log may verify it.
      const grant: Grant = cell === 'no' ? 'none' : 'all';
      return { 'audit.read': grant, 'audit.verify': grant };
    }
    case 'backups, restore drills': {
      const runs: Grant = cell === 'no' ? 'none' : 'all';
      const owns: Grant = cell === 'yes' ? 'all' : 'none';
      return { 'backup.run': runs, 'backup.drill': runs, 'backup.restore': owns, 'backup.configure': owns };
    }
    default:
      return {};
  }
}

describe('the policy table', () => {
  it('has an explicit, valid grant for every permission and every role, and nothing else', () => {
    expect(Object.keys(POLICY).sort()).toEqual([...PERMISSIONS].sort());
    for (const permission of PERMISSIONS) {
      expect(Object.keys(POLICY[permission]).sort(), permission).toEqual([...ROLES].sort());
      for (const role of ROLES) expect(Object.keys(RANK), `${permission} ${role}`).toContain(POLICY[permission][role]);
    }
  });

  for (const [capability, cells] of Object.entries(DESIGN_TABLE) as [keyof typeof DESIGN_TABLE, readonly string[]][]) {
    it(`matches DESIGN.md: ${capability}`, () => {
      ROLES.forEach((role, column) => {
        const cell = cells[column] ?? 'missing';
        for (const [permission, grant] of Object.entries(expectedGrants(capability, cell))) {
          expect(grantFor(role, permission), `${capability} / ${role} / ${permission}`).toBe(grant);
        }
        const fields = capability === 'reveal phone / email / address' ? CONTACT : capability === 'reveal ID number / bank card' ? IDENTITY : [];
        for (const field of fields) {
          const revealable = [canRevealField(role, field, true), canRevealField(role, field, false)];
          const expected = cell === 'yes' ? [true, true] : cell === 'own, audited' ? [true, false] : [false, false];
          expect(revealable, `${capability} / ${role} / ${field}`).toEqual(expected);
        }
        if (capability === 'see customers' && cell === 'all, basic fields') {
          for (const field of SENSITIVE_CUSTOMER_FIELDS) expect(fieldVisibility(role, field), `${role} ${field}`).not.toBe('full');
          for (const field of IDENTITY) expect(fieldVisibility(role, field), `${role} ${field}`).toBe('hidden');
        }
      });
    });
  }

  it('grants nothing wider than the capability it depends on', () => {
    for (const role of ROLES) {
      const read = RANK[grantFor(role, 'customers.read')];
      for (const p of ['customers.write', 'customers.delete', 'customers.reveal', 'customers.export'] as const) {
        expect(RANK[grantFor(role, p)], `${role} ${p}`).toBeLessThanOrEqual(read);
      }
      // Deleting is at least as dangerous as editing.
      expect(RANK[grantFor(role, 'customers.delete')], role).toBeLessThanOrEqual(RANK[grantFor(role, 'customers.write')]);
      for (const p of ['interactions.write', 'purchases.write', 'reminders.write'] as const) {
        expect(RANK[grantFor(role, p)], `${role} ${p}`).toBeLessThanOrEqual(RANK[grantFor(role, p.replace('.write', '.read'))]);
      }
    }
  });

  it('keeps the owner-only keys with the owner, and lets everyone look after their own account', () => {
    for (const p of ['users.manage', 'backup.restore', 'backup.configure', 'vault.rotateKey', 'settings.manage'] as const) {
      expect(ROLES.filter((role) => can(role, p)), p).toEqual(['owner']);
    }
    expect(ROLES.every((role) => grantFor(role, 'account.self') === 'all')).toBe(true);
  });
});

describe('field visibility', () => {
  const VISIBILITY: Record<PolicyRole, string> = {
    //          mobile    phone     email     address   id number bank card
    owner: ['full', 'full', 'full', 'full', 'masked', 'masked'].join(),
    manager: ['full', 'full', 'full', 'full', 'hidden', 'hidden'].join(),
    sales: ['masked', 'masked', 'masked', 'masked', 'hidden', 'hidden'].join(),
    support: ['masked', 'masked', 'masked', 'masked', 'hidden', 'hidden'].join(),
    auditor: ['hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden'].join(),
  };

  it('is the documented role x field table', () => {
    for (const role of ROLES) {
      expect(['mobile', 'phone', 'email', 'addressDetail', 'idNumber', 'bankCard'].map((f) => fieldVisibility(role, f)).join(), role).toBe(VISIBILITY[role]);
    }
  });

  it('agrees with the table: no customers -> no fields; reveal only what is shown and permitted', () => {
    for (const role of ROLES) {
      for (const field of SENSITIVE_CUSTOMER_FIELDS) {
        const visibility = fieldVisibility(role, field);
        if (!can(role, 'customers.read')) expect(visibility, `${role} ${field}`).toBe('hidden');
        if (canRevealField(role, field, true)) {
          expect(visibility, `${role} ${field}`).not.toBe('hidden');
          expect(can(role, 'customers.reveal'), `${role} ${field}`).toBe(true);
        }
        if (canRevealField(role, field, false)) expect(grantFor(role, 'customers.reveal'), `${role} ${field}`).toBe('all');
        // Search, sort and filter would leak a masked value one digit at a time.
        expect(canQueryField(role, field), `${role} ${field}`).toBe(visibility === 'full');
      }
    }
  });

  it('fails closed for unknown roles and fields', () => {
    for (const role of ['', 'admin', 'Owner', 'owner ']) {
      expect(can(role, 'customers.read'), role).toBe(false);
      expect(fieldVisibility(role, 'mobile'), role).toBe('hidden');
      expect(canRevealField(role, 'mobile', true), role).toBe(false);
      expect(canQueryField(role, 'mobile'), role).toBe(false);
    }
    expect(fieldVisibility('owner', 'salary')).toBe('hidden');
    expect(canQueryField('owner', 'salary')).toBe(false);
  });
});

/** Table lookups use own keys only, so Object.prototype member names are unknown (fail closed). */
describe('prototype keys', () => {
  const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  it('can() refuses permissions named after Object.prototype members', () => {
    for (const key of KEYS) expect(can('owner', key), key).toBe(false);
  });
  it('field functions treat such fields as unknown (hidden, not revealable, not queryable)', () => {
    for (const key of KEYS) {
      expect(fieldVisibility('owner', key), key).toBe('hidden');
      expect(canRevealField('owner', key, true), key).toBe(false);
      expect(canQueryField('owner', key), key).toBe(false);
    }
  });
});

/**
 * 'approval' means "a second person must agree": since issue 15 the call reaches core, whose approval
 * gate refuses it without an approved request (tests/integration/approvals-flow.test.ts), so can()
 * lets 'all', 'own' and 'approval' through and refuses only 'none'.
 */
describe('can() over every cell of the policy table', () => {
  it('allows the all, own and approval grants (approval is enforced by the gate in core), and refuses none', () => {
    let approvalCells = 0;
    for (const permission of PERMISSIONS) {
      for (const role of ROLES) {
        const grant = POLICY[permission][role];
        if (grant === 'approval') approvalCells += 1;
        expect(can(role, permission), `${role} ${permission} (${grant})`).toBe(grant !== 'none');
      }
    }
    // The table has at least one approval cell (a manager's export), so that path is exercised.
    expect(approvalCells).toBeGreaterThan(0);
    expect(can('manager', 'customers.export')).toBe(true);
  });
});
