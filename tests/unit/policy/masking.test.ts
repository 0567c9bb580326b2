import { describe, expect, it } from 'vitest';
import { SENSITIVE_CUSTOMER_FIELDS } from '../../../shared/customers';
import { canQueryField, canRevealField, fieldVisibility } from '../../../shared/field-policy';
import { maskBankCard, maskEmail, maskField, maskIdNumber, maskPhone } from '../../../shared/masking';
import { POLICY, PERMISSIONS, ROLES, can, grantFor } from '../../../shared/permissions';

describe('masks', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['021-5550-1234', '*******1234'],
    ['+1 (415) 555-0199', '*******0199'],
    ['12345', '*****'],
    ['', undefined],
    ['no digits', undefined],
  ])('phone %s -> %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it.each([
    ['zhang.san@example.com', 'z***@example.com'],
    ['a@example.com', '***@example.com'],
    ['王伟@例子.中国', '王***@例子.中国'],
    ['not-an-email', '***'],
    ['@example.com', '***'],
    ['', undefined],
  ])('e-mail %s -> %s', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });

  it.each([
    ['110101199003074514', '110***********4514'],
    ['11010119900307451x', '110***********451X'],
    ['1101011990', '******1990'],
    ['123', '****'],
  ])('ID number %s -> %s', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it.each([
    ['6222020200112233445', '**** **** **** 3445'],
    ['6222 0202 0011 2233', '**** **** **** 2233'],
    ['1234', '**** **** **** ****'],
  ])('bank card %s -> %s', (input, expected) => {
    expect(maskBankCard(input)).toBe(expected);
  });

  it('a masked mobile never keeps more than 7 of its digits, and never equals the input', () => {
    for (let i = 0; i < 10_000; i += 1) {
      const digits = `1${3 + (i % 7)}${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
      const masked = maskPhone(digits)!;
      expect(masked).not.toBe(digits);
      expect(masked.replace(/\D/g, '').length).toBeLessThanOrEqual(7);
      expect(masked.slice(0, 3) + masked.slice(7)).toBe(digits.slice(0, 3) + digits.slice(7));
    }
  });

  it('fails closed: unknown fields and non-strings are not sent; every sensitive field has a rule', () => {
    expect(maskField('salary', '10000')).toBeUndefined();
    expect(maskField('mobile', 13812345678)).toBeUndefined();
    expect(maskField('mobile', null)).toBeUndefined();
    for (const field of SENSITIVE_CUSTOMER_FIELDS) expect(maskField(field, 'Some value 1234567890@x.y'), field).toBeDefined();
  });
});

describe('policy table', () => {
  // DESIGN.md section 3, copied as data: the code's table must say the same.
  const DESIGN: Record<string, Record<string, string>> = {
    'customers.read': { owner: 'all', manager: 'all', sales: 'own', support: 'all', auditor: 'none' },
    'customers.write': { owner: 'all', manager: 'all', sales: 'own', support: 'none', auditor: 'none' },
    'interactions.read': { owner: 'all', manager: 'all', sales: 'own', support: 'all', auditor: 'none' },
    'purchases.read': { owner: 'all', manager: 'all', sales: 'own', support: 'none', auditor: 'none' },
    'customers.export': { owner: 'all', manager: 'approval', sales: 'none', support: 'none', auditor: 'none' },
    'users.manage': { owner: 'all', manager: 'none', sales: 'none', support: 'none', auditor: 'none' },
    'audit.read': { owner: 'all', manager: 'all', sales: 'none', support: 'none', auditor: 'all' },
    'backup.run': { owner: 'all', manager: 'all', sales: 'none', support: 'none', auditor: 'none' },
    'backup.drill': { owner: 'all', manager: 'all', sales: 'none', support: 'none', auditor: 'none' },
    'backup.restore': { owner: 'all', manager: 'none', sales: 'none', support: 'none', auditor: 'none' },
  };

  it('matches DESIGN.md row by row, and has an explicit grant for every role and permission', () => {
    for (const [permission, row] of Object.entries(DESIGN)) for (const [role, grant] of Object.entries(row)) expect(grantFor(role, permission), `${permission} ${role}`).toBe(grant);
    for (const permission of PERMISSIONS) for (const role of ROLES) expect(['all', 'own', 'approval', 'none']).toContain(POLICY[permission][role]);
  });

  it('reveal follows DESIGN: contact fields owner/manager all, sales own; identity owner only', () => {
    for (const field of ['mobile', 'phone', 'email', 'addressDetail']) {
      expect([canRevealField('owner', field, false), canRevealField('manager', field, false), canRevealField('sales', field, true), canRevealField('sales', field, false), canRevealField('support', field, true), canRevealField('auditor', field, true)]).toEqual([true, true, true, false, false, false]);
    }
    for (const field of ['idNumber', 'bankCard']) {
      expect(ROLES.map((role) => canRevealField(role, field, true))).toEqual([true, false, false, false, false]);
    }
  });

  it('fails closed for unknown roles, permissions and fields', () => {
    expect(can('admin', 'customers.read')).toBe(false);
    expect(can('owner', 'customers.teleport')).toBe(false);
    expect(fieldVisibility('owner', 'salary')).toBe('hidden');
    expect(fieldVisibility('root', 'mobile')).toBe('hidden');
    expect(canRevealField('owner', 'salary', true)).toBe(false);
  });

  it('a role may query (search, sort, filter) only by fields it sees in full', () => {
    for (const role of ROLES) {
      for (const field of SENSITIVE_CUSTOMER_FIELDS) expect(canQueryField(role, field)).toBe(fieldVisibility(role, field) === 'full');
    }
    expect(canQueryField('sales', 'mobile')).toBe(false);
    expect(canQueryField('manager', 'mobile')).toBe(true);
    expect(canQueryField('owner', 'idNumber')).toBe(false);
  });
});
