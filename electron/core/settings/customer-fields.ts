import type { CustomerInput } from '../../../shared/customers';
import { CofferError } from '../../../shared/errors';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import type { CustomerRow } from '../customers/customer-repository';

/**
 * ID numbers and bank cards are off until the owner turns them on for this vault: data
 * minimisation. While off they are refused on input, left out of every view and cannot be
 * revealed; turning them off can also erase what was stored.
 */
export const OPTIONAL_CUSTOMER_FIELDS = ['idNumber', 'bankCard'] as const;
export type OptionalCustomerField = (typeof OPTIONAL_CUSTOMER_FIELDS)[number];

const KEY = 'customers.optionalFields';

export function optionalFieldsOn(db: Db): boolean {
  return getMeta(db, KEY) === 'on';
}

/** Returns how many customers had a value erased. */
export function setOptionalFields(db: Db, on: boolean, erase: boolean): number {
  setMeta(db, KEY, on ? 'on' : 'off');
  if (on || !erase) return 0;
  return db.prepare('UPDATE customers SET id_number = NULL, bank_card = NULL WHERE id_number IS NOT NULL OR bank_card IS NOT NULL').run().changes;
}

export function isOptionalField(field: string): field is OptionalCustomerField {
  return (OPTIONAL_CUSTOMER_FIELDS as readonly string[]).includes(field);
}

export function refuseDisabledFields(db: Db, input: Partial<Pick<CustomerInput, OptionalCustomerField>>): void {
  if (optionalFieldsOn(db)) return;
  const given = OPTIONAL_CUSTOMER_FIELDS.filter((field) => input[field] !== undefined && input[field] !== '');
  if (given.length > 0) {
    throw new CofferError('INVALID_INPUT', 'ID numbers and bank cards are turned off for this vault. The owner can turn them on in Settings.', Object.fromEntries(given.map((f) => [f, 'disabled'])));
  }
}

/** The row as views may use it: optional fields blanked while they are off. */
export function withoutDisabledFields(row: CustomerRow, on: boolean): CustomerRow {
  return on ? row : { ...row, idNumber: null, bankCard: null };
}
