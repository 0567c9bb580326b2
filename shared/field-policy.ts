import type { SensitiveCustomerField } from './customers';
import { ROLES, type PolicyRole } from './permissions';

export type FieldVisibility = 'full' | 'masked' | 'hidden';

interface FieldRule {
  /** How the field is sent in lists and details. */
  show: Record<PolicyRole, FieldVisibility>;
  /** Who may reveal the full value through the audited reveal call ('own': their customers only). */
  reveal: Record<PolicyRole, 'all' | 'own' | 'none'>;
}

/**
 * Per-field visibility, the second half of DESIGN.md section 3. Contact fields: owner and manager
 * see them (they may reveal them anyway, and every record read is audited); sales see them masked
 * and may reveal their own customers' with a reason; support see them masked; auditors see no
 * customers. ID number and bank card are off by default and only the owner may reveal them.
 */
const contact: FieldRule = {
  show: { owner: 'full', manager: 'full', sales: 'masked', support: 'masked', auditor: 'hidden' },
  reveal: { owner: 'all', manager: 'all', sales: 'own', support: 'none', auditor: 'none' },
};
const identity: FieldRule = {
  show: { owner: 'masked', manager: 'hidden', sales: 'hidden', support: 'hidden', auditor: 'hidden' },
  reveal: { owner: 'all', manager: 'none', sales: 'none', support: 'none', auditor: 'none' },
};

export const FIELD_POLICY: Readonly<Record<SensitiveCustomerField, FieldRule>> = {
  mobile: contact,
  phone: contact,
  email: contact,
  wechat: contact,
  addressDetail: contact,
  idNumber: identity,
  bankCard: identity,
};

function ruleFor(role: string, field: string): { role: PolicyRole; rule: FieldRule } | null {
  if (!Object.hasOwn(FIELD_POLICY, field) || !(ROLES as readonly string[]).includes(role)) return null;
  const rule = (FIELD_POLICY as Record<string, FieldRule>)[field]!;
  return { role: role as PolicyRole, rule };
}

/** Fails closed: an unknown role or field is hidden. */
export function fieldVisibility(role: string, field: string): FieldVisibility {
  const found = ruleFor(role, field);
  return found ? found.rule.show[found.role] : 'hidden';
}

export function canRevealField(role: string, field: string, ownCustomer: boolean): boolean {
  const found = ruleFor(role, field);
  if (!found) return false;
  const grant = found.rule.reveal[found.role];
  return grant === 'all' || (grant === 'own' && ownCustomer);
}

/** Searching, sorting or filtering by a field leaks it one digit at a time unless it is seen in full. */
export function canQueryField(role: string, field: string): boolean {
  return fieldVisibility(role, field) === 'full';
}
