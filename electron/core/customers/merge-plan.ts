import { MERGE_FIELDS, type MergeField } from '../../../shared/channels/merge';
import { SENSITIVE_CUSTOMER_FIELDS, type SensitiveCustomerField } from '../../../shared/customers';
import { CofferError } from '../../../shared/errors';
import type { FieldVisibility } from '../../../shared/field-policy';
import type { CustomerColumnField, CustomerRow } from './customer-repository';
import { emailKey, phoneKey } from './duplicate-keys';

// Every merge field is a stored column: a new column must be added to MERGE_FIELDS (or left out on purpose).
const FIELDS: readonly CustomerColumnField[] = MERGE_FIELDS satisfies readonly CustomerColumnField[];
const everyColumnMerges: [Exclude<CustomerColumnField, MergeField>] extends [never] ? true : never = true;
void everyColumnMerges;

export interface PlanInput {
  survivor: CustomerRow;
  sources: readonly CustomerRow[];
  /** Field -> id of the customer whose value the survivor takes. */
  picks: Partial<Record<MergeField, number>>;
  visibility: (field: SensitiveCustomerField) => FieldVisibility;
  /** Whether the vault keeps this field (Settings > Customer fields); an off field is never merged. */
  fieldOn: (field: string) => boolean;
}

export interface MergePlan {
  /** Survivor columns whose value changes, with the new value. */
  changes: Partial<Record<CustomerColumnField, string | null>>;
  /** How many phone numbers or e-mails went into the notes because every slot was taken. */
  notes: number;
}

type Values = Record<CustomerColumnField, string | null>;
const PHONE_SLOTS = ['mobile', 'phone'] as const;
const LABELS = { mobile: '手机 / mobile', phone: '电话 / phone', email: '邮箱 / e-mail' } as const;

const blank = (v: string | null | undefined): v is null | undefined | '' => v === null || v === undefined || v.trim() === '';
const isSensitive = (f: CustomerColumnField): f is SensitiveCustomerField => (SENSITIVE_CUSTOMER_FIELDS as readonly string[]).includes(f);

/**
 * The survivor's fields after a merge. Defaults: the survivor's value wins, blanks are filled from
 * the others in the order given; a pick takes that customer's value. Phones and e-mails are never
 * lost: one the survivor does not end up with goes into an empty slot of the same kind, else into
 * the notes ("合并自 / merged from").
 *
 * A field the role does not see in full (masked or hidden) is never changed by that role: it
 * cannot pick it from another customer whose value differs (FORBIDDEN), and when another customer
 * holds a value the survivor lacks, the merge is refused as a whole. Filling the blank would move a
 * value the person never saw, and the notes would show it in full; someone who sees the field in
 * full (the owner, a manager for contact details) does that merge instead.
 */
export function planMerge(input: PlanInput): MergePlan {
  const { survivor, sources } = input;
  const all = [survivor, ...sources];
  const byId = new Map(all.map((row) => [row.id, row]));
  const final = {} as Values;
  const blindOn = new Set<CustomerColumnField>();

  for (const field of FIELDS) {
    const pick = input.picks[field];
    if (pick !== undefined && !byId.has(pick)) throw new CofferError('INVALID_INPUT', 'Choose each field from one of the customers being merged.', { [field]: 'invalid' });
    const off = !input.fieldOn(field);
    if (off) {
      if (pick !== undefined && pick !== survivor.id) throw new CofferError('INVALID_INPUT', 'This field is switched off for this vault.', { [field]: 'disabled' });
      continue;
    }
    const blind = isSensitive(field) && input.visibility(field) !== 'full';
    if (blind) {
      blindOn.add(field);
      if (pick !== undefined && !same(field, byId.get(pick)![field], survivor[field])) {
        throw new CofferError('FORBIDDEN', 'Your role cannot choose this field: it sees it masked.', { [field]: 'forbidden' });
      }
      final[field] = survivor[field];
      continue;
    }
    if (pick !== undefined) final[field] = byId.get(pick)![field];
    else final[field] = all.map((row) => row[field]).find((v) => !blank(v)) ?? survivor[field];
  }

  const lines: string[] = [];
  const route = (slots: readonly ('mobile' | 'phone' | 'email')[]) => {
    const present = slots.map((s) => final[s]).filter((v): v is string => !blank(v));
    for (const row of all) {
      for (const origin of slots) {
        const value = row[origin];
        if (blank(value) || present.some((p) => same(origin, p, value))) continue;
        // Any slot it could land in, or the notes, is one this role does not see in full: refuse.
        const blindSlot = blindOn.has(origin) ? origin : slots.find((s) => blindOn.has(s));
        if (blindSlot) throw blindRefusal(blindSlot, input.visibility(blindSlot as SensitiveCustomerField));
        present.push(value);
        const target = [origin, ...slots.filter((s) => s !== origin)].find((s) => blank(final[s]));
        if (target) final[target] = value;
        else lines.push(`合并自 / merged from #${row.id} ${row.name} · ${LABELS[origin]}: ${value}`);
      }
    }
  };
  route(PHONE_SLOTS);
  route(['email']);

  // Other masked fields: a value only another customer holds would be dropped or moved unseen.
  for (const field of blindOn) {
    if (field === 'mobile' || field === 'phone' || field === 'email') continue;
    if (sources.some((row) => !blank(row[field]) && !same(field, row[field], survivor[field]))) {
      throw blindRefusal(field, input.visibility(field as SensitiveCustomerField));
    }
  }

  if (lines.length > 0) final.notes = [final.notes, ...lines].filter((v) => !blank(v)).join('\n');
  const changes: MergePlan['changes'] = {};
  for (const field of FIELDS) {
    if (!(field in final)) continue;
    const next = blank(final[field]) ? null : final[field];
    if (next !== survivor[field]) changes[field] = next;
  }
  if ('name' in changes && changes.name === null) delete changes.name;
  if ('level' in changes && changes.level === null) delete changes.level;
  return { changes, notes: lines.length };
}

/**
 * The refusal when a merge would move a value the role does not see in full. It names the field
 * only when the role sees it masked; a hidden field's very existence is not confirmed.
 */
function blindRefusal(field: CustomerColumnField, visibility: FieldVisibility): CofferError {
  const fields: Record<string, string> = { merge: 'masked_differs' };
  if (visibility === 'masked') fields[field] = 'masked_differs';
  return new CofferError('FORBIDDEN', 'These customers hold details that differ and that your role sees masked: keep the record that holds them, or ask someone who sees them in full.', fields);
}

/** Two values of a field are the same value: phones and e-mails by their normalised key. */
export function same(field: CustomerColumnField, a: string | null | undefined, b: string | null | undefined): boolean {
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (field === 'mobile' || field === 'phone') return (phoneKey(a) ?? a.trim()) === (phoneKey(b) ?? b.trim());
  if (field === 'email') return (emailKey(a) ?? a.trim()) === (emailKey(b) ?? b.trim());
  return a === b;
}

/** Which fields hold different values across the customers (the preview's "differs"). */
export function differingFields(rows: readonly CustomerRow[]): Set<MergeField> {
  const out = new Set<MergeField>();
  for (const field of MERGE_FIELDS) {
    if (rows.some((row) => !same(field, row[field], rows[0]![field]))) out.add(field);
  }
  return out;
}
