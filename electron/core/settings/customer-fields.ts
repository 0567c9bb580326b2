import type { CustomerInput } from '../../../shared/customers';
import { CLASSIFIED_FIELDS, CUSTOMER_FIELD_CLASS, isSwitchableField, REQUIRED_CUSTOMER_FIELDS, type CustomerFieldState, type SwitchableField } from '../../../shared/customer-fields';
import { CofferError } from '../../../shared/errors';
import type { Role } from '../../../shared/contract';
import type { Db } from '../db/open-database';
import type { CustomerRow } from '../customers/customer-repository';
import { reindexCustomers } from '../customers/customer-repository';
import { eraseFieldFromMerges } from '../customers/merge-repository';
import { eraseFieldFromImports } from '../import/import-repository';

/**
 * Which customer fields this vault keeps (migration 33, issue 16 minimisation). A field that is
 * off is refused on input, left out of every view, search, filter, import and export, and cannot
 * be revealed; switching it off can also erase what was stored. ID number and bank card are off
 * until the owner turns them on (the older "optional fields" switch now sets both).
 */
export const OPTIONAL_CUSTOMER_FIELDS = ['idNumber', 'bankCard'] as const;
export type OptionalCustomerField = (typeof OPTIONAL_CUSTOMER_FIELDS)[number];

/** The only place a switchable field's name meets SQL (the customers table's columns). */
const COLUMN: Record<SwitchableField, string> = {
  mobile: 'mobile', phone: 'phone', email: 'email', wechat: 'wechat', province: 'province', city: 'city', addressDetail: 'address_detail',
  birthday: 'birthday', idNumber: 'id_number', bankCard: 'bank_card', notes: 'notes', company: 'company', industry: 'industry', region: 'region', source: 'source',
};

/** What views need per call: the fields that are off, and whether support may read notes. */
export interface FieldGate {
  off: ReadonlySet<SwitchableField>;
  notesForSupport: boolean;
}

export function fieldGate(db: Db): FieldGate {
  const rows = db.prepare('SELECT field FROM customer_field_settings WHERE enabled = 0').all() as { field: SwitchableField }[];
  const notes = db.prepare('SELECT notes_for_support AS on_ FROM privacy_settings WHERE id = 1').get() as { on_: number } | undefined;
  return { off: new Set(rows.map((r) => r.field)), notesForSupport: notes?.on_ === 1 };
}

export function isFieldOn(db: Db, field: string): boolean {
  if (!isSwitchableField(field)) return true;
  const row = db.prepare('SELECT enabled FROM customer_field_settings WHERE field = ?').get(field) as { enabled: number } | undefined;
  return row?.enabled !== 0;
}

/** Whether this role may see the field at all: on, and (notes) allowed for support. */
export function gateAllows(gate: FieldGate, role: Role | string, field: string): boolean {
  if (isSwitchableField(field) && gate.off.has(field)) return false;
  if (field === 'notes' && role === 'support' && !gate.notesForSupport) return false;
  return true;
}

/**
 * Free text about a customer (notes, interaction summaries, reminder text, purchase remarks) is
 * personal data: support reads it only when the owner allows. What the viewer wrote, or a
 * reminder handed to them, is theirs to read: withholding it would leave support unable to do
 * the very follow-up they were asked to do.
 */
export function freeTextAllowed(gate: FieldGate, viewer: { role: Role | string; userId: number }, authors: readonly number[]): boolean {
  return viewer.role !== 'support' || gate.notesForSupport || authors.includes(viewer.userId);
}

export function fieldStates(db: Db): CustomerFieldState[] {
  const gate = fieldGate(db);
  return CLASSIFIED_FIELDS.map((field) => ({
    field,
    class: CUSTOMER_FIELD_CLASS[field],
    required: (REQUIRED_CUSTOMER_FIELDS as readonly string[]).includes(field),
    enabled: !(isSwitchableField(field) && gate.off.has(field)),
  }));
}

/** Live and deleted customers that hold a value in the field: what an erase would touch. */
export function storedValueIds(db: Db, field: SwitchableField): number[] {
  const column = COLUMN[field];
  return (db.prepare(`SELECT id FROM customers WHERE ${column} IS NOT NULL AND ${column} <> '' ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
}

export function writeFieldOn(db: Db, field: SwitchableField, on: boolean, at: string): void {
  db.prepare('UPDATE customer_field_settings SET enabled = ?, updated_at = ? WHERE field = ?').run(on ? 1 : 0, at, field);
}

/**
 * Blanks the field on every customer (recycle bin included: "erase" means gone) and rebuilds
 * their search and duplicate keys, so a phone or a note cannot still be found; the copies kept
 * for undo (merge snapshots, import before-images) lose it too, or an undo would bring it back.
 * Returns the customers' ids.
 */
export function eraseFieldValues(db: Db, field: SwitchableField): number[] {
  const ids = storedValueIds(db, field);
  eraseFieldFromMerges(db, field);
  eraseFieldFromImports(db, field);
  if (ids.length === 0) return ids;
  db.prepare(`UPDATE customers SET ${COLUMN[field]} = NULL WHERE ${COLUMN[field]} IS NOT NULL`).run();
  reindexCustomers(db, ids);
  return ids;
}

export function writeNotesForSupport(db: Db, on: boolean): void {
  db.prepare('UPDATE privacy_settings SET notes_for_support = ? WHERE id = 1').run(on ? 1 : 0);
}

/** The older switch: on when both ID number and bank card are on. */
export function optionalFieldsOn(db: Db): boolean {
  return OPTIONAL_CUSTOMER_FIELDS.every((f) => isFieldOn(db, f));
}

export function isOptionalField(field: string): field is OptionalCustomerField {
  return (OPTIONAL_CUSTOMER_FIELDS as readonly string[]).includes(field);
}

/** A typed refusal naming each switched-off field the input carries; nothing is written. */
export function refuseDisabledFields(db: Db, input: Partial<Record<keyof CustomerInput, unknown>>): void {
  const { off } = fieldGate(db);
  const given = [...off].filter((field) => input[field] !== undefined && input[field] !== '');
  if (given.length > 0) {
    throw new CofferError('INVALID_INPUT', 'Some fields are switched off for this vault. The owner can switch them on in Settings > Customer fields.', Object.fromEntries(given.map((f) => [f, 'disabled'])));
  }
}

/** The row as this role's views may use it: switched-off fields (and withheld notes) blanked. */
export function withoutDisabledFields(row: CustomerRow, gate: FieldGate, role: Role | string): CustomerRow {
  const copy = { ...row };
  for (const field of gate.off) copy[field] = null;
  if (!gateAllows(gate, role, 'notes')) copy.notes = null;
  return copy;
}

/** Filtering by a switched-off field would leak it (and finds nothing once erased): refused, typed. */
export function refuseDisabledFilters(db: Db, filters: { region?: string | undefined } | undefined): void {
  if (filters?.region !== undefined && !isFieldOn(db, 'region')) {
    throw new CofferError('INVALID_INPUT', 'Region is switched off for this vault, so the list cannot be filtered by it.', { region: 'disabled' });
  }
}
