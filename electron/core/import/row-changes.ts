import type { DuplicateChoice } from '../../../shared/import';
import { CUSTOMER_FIELDS, type CustomerColumnField, type CustomerRow } from '../customers/customer-repository';
import { phoneKey } from '../customers/duplicate-keys';
import { MAX_LENGTH, type RowValues } from './row-values';

/**
 * What a file row changes on an existing customer, for each duplicate choice. Computed at dry run
 * (for the field policy) and again at commit against the customer as it is then, so an edit made
 * in between is not overwritten by a stale plan.
 */
export interface RowChanges {
  fields: Partial<Record<CustomerColumnField, string | null>>;
  tags: string[] | null;
  /** The before-image: every changed field's old value, and the old tags when they change. */
  before: Record<string, string | null | string[]>;
}

const same = (field: CustomerColumnField, a: string | null, b: string): boolean =>
  field === 'mobile' || field === 'phone' ? (a !== null && phoneKey(a) === phoneKey(b)) || a === b : (a ?? '') === b;

const joinNotes = (parts: readonly string[]) => parts.filter((p) => p.length > 0).join('\n').slice(0, MAX_LENGTH.notes);

export function changesFor(existing: CustomerRow, existingTags: readonly string[], planned: RowValues, choice: Exclude<DuplicateChoice, 'skip' | 'new'>): RowChanges {
  const fields: RowChanges['fields'] = {};
  const extra = [...planned.extraNotes];
  for (const field of CUSTOMER_FIELDS) {
    const value = planned.values[field];
    if (value === undefined || field === 'notes') continue;
    const current = existing[field] as string | null;
    if (same(field, current, value)) continue;
    const empty = current === null || current === '';
    if (empty || choice === 'overwrite') fields[field] = value;
    // Merge keeps what the file says in the notes, so nothing from the file is lost.
    else if (choice === 'merge') extra.push(`${planned.columns[field]?.header ?? field}: ${value}`);
  }

  const fileNotes = joinNotes(planned.notes);
  const currentNotes = existing.notes ?? '';
  let notes = currentNotes;
  if (fileNotes && choice === 'overwrite') notes = fileNotes;
  else if (fileNotes && currentNotes === '') notes = fileNotes;
  else if (fileNotes && choice === 'merge' && !currentNotes.includes(fileNotes)) notes = joinNotes([currentNotes, fileNotes]);
  const missing = extra.filter((line) => !notes.includes(line));
  if (missing.length > 0) notes = joinNotes([notes, ...missing]);
  if (notes !== currentNotes) fields.notes = notes;

  let tags: string[] | null = null;
  if (planned.tags && planned.tags.length > 0) {
    const next = choice === 'overwrite' ? [...planned.tags] : [...new Set([...existingTags, ...planned.tags])];
    const changed = next.length !== existingTags.length || next.some((t) => !existingTags.includes(t));
    if (changed) tags = next.slice(0, 30);
  }

  const before: RowChanges['before'] = {};
  for (const field of Object.keys(fields) as CustomerColumnField[]) before[field] = (existing[field] as string | null) ?? null;
  if (tags) before.tags = [...existingTags];
  return { fields, tags, before };
}

/** A new customer's notes: the file's notes and anything kept from invalid cells. */
export function newCustomerNotes(planned: RowValues): string | undefined {
  const notes = joinNotes([...planned.notes, ...planned.extraNotes]);
  return notes === '' ? undefined : notes;
}
