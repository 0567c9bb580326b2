import type { Role } from '../../../shared/contract';
import { SENSITIVE_CUSTOMER_FIELDS, type CustomerView, type SensitiveCustomerField } from '../../../shared/customers';
import type { FieldVisibility } from '../../../shared/field-policy';
import type { CustomerRow } from './customer-repository';


/** The policy pieces the customer views need (shared/field-policy.ts and shared/masking.ts provide them). */
export interface FieldPolicy {
  visibility(role: Role, field: SensitiveCustomerField): FieldVisibility;
  /** Whether the role may reveal a masked field; `own` is whether the customer is theirs. */
  canReveal(role: Role, field: SensitiveCustomerField, own: boolean): boolean;
  /** The masked form, or undefined when no rule applies (then the field is not sent at all). */
  mask(field: SensitiveCustomerField, value: string): string | undefined;
}

/**
 * Turns a stored row into what this role may receive. Fails closed: a sensitive field whose
 * visibility is not 'full' is masked by a known rule or left out, never sent as stored.
 */
export function toCustomerView(row: CustomerRow, tags: string[], role: Role, userId: number, policy: FieldPolicy): CustomerView {
  const view: CustomerView = {
    id: row.id,
    name: row.name,
    level: row.level,
    ownerUsername: row.ownerUsername,
    tags,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastInteractionAt: row.lastInteractionAt,
    revealable: [],
  };
  for (const key of ['province', 'city', 'company', 'industry', 'region', 'source', 'notes', 'birthday'] as const) {
    const value = row[key];
    if (value !== null) view[key] = value;
  }
  const own = row.ownerId === userId;
  for (const field of SENSITIVE_CUSTOMER_FIELDS) {
    const value = row[field];
    if (value === null || value === '') continue;
    const visibility = policy.visibility(role, field);
    if (visibility === 'full') {
      view[field] = value;
    } else if (visibility === 'masked') {
      const masked = policy.mask(field, value);
      if (masked === undefined || masked === value) continue;
      view[field] = masked;
      if (policy.canReveal(role, field, own)) view.revealable.push(field);
    }
  }
  return view;
}
