import { z } from 'zod';

/**
 * Data minimisation (issue 16): every customer field has a class the owner sees in Settings, and
 * every field but the required ones can be switched off. A switched-off field is refused on
 * input, left out of every view, search, filter, import and export, and its stored values can be
 * erased. Free text counts as personal data: support sees notes only when the owner allows it.
 */
export const FIELD_CLASSES = ['contact', 'identity', 'financial', 'free-text', 'other'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

/** Every stored customer field, in the order Settings lists them. */
export const CUSTOMER_FIELD_CLASS = {
  name: 'identity',
  level: 'other',
  mobile: 'contact',
  phone: 'contact',
  email: 'contact',
  wechat: 'contact',
  province: 'contact',
  city: 'contact',
  addressDetail: 'contact',
  birthday: 'identity',
  idNumber: 'identity',
  bankCard: 'financial',
  notes: 'free-text',
  company: 'other',
  industry: 'other',
  region: 'other',
  source: 'other',
} as const satisfies Record<string, FieldClass>;
export type ClassifiedField = keyof typeof CUSTOMER_FIELD_CLASS;
export const CLASSIFIED_FIELDS = Object.keys(CUSTOMER_FIELD_CLASS) as ClassifiedField[];

/*
 * Tags are not in this list (so they cannot be switched off), by design for now: they are the
 * shop's own labels for grouping its customers (VIP, wholesale, 2024 fair), picked from the
 * managed tag list, and lists, filters, bulk tagging, merges and exports are built on them, so
 * switching them off would switch off segmentation, not one piece of collected data. They are
 * still treated as personal data where it counts: the access package lists them, an erasure
 * removes the tags that name the person, and an export carries them only when its tags column is
 * chosen. A shop that wants no tags simply does not use them. If they ever become switchable,
 * customer_field_settings and the ledger's field list each need a migration.
 */

/** A customer needs a name, and a level keeps lists and sorting working: these stay on. */
export const REQUIRED_CUSTOMER_FIELDS = ['name', 'level'] as const;
export const SWITCHABLE_FIELDS = CLASSIFIED_FIELDS.filter((f) => !(REQUIRED_CUSTOMER_FIELDS as readonly string[]).includes(f)) as Exclude<ClassifiedField, 'name' | 'level'>[];
export type SwitchableField = (typeof SWITCHABLE_FIELDS)[number];
export const switchableFieldSchema = z.enum(SWITCHABLE_FIELDS as [SwitchableField, ...SwitchableField[]]);

export const isSwitchableField = (field: string): field is SwitchableField => (SWITCHABLE_FIELDS as readonly string[]).includes(field);

/** Off by default in a new vault (the older "optional fields" switch): the most sensitive two. */
export const OFF_BY_DEFAULT: readonly SwitchableField[] = ['idNumber', 'bankCard'];

export const customerFieldStateSchema = z.object({
  field: z.enum(CLASSIFIED_FIELDS as [ClassifiedField, ...ClassifiedField[]]),
  class: z.enum(FIELD_CLASSES),
  required: z.boolean(),
  enabled: z.boolean(),
});
export type CustomerFieldState = z.infer<typeof customerFieldStateSchema>;
