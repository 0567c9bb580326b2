import { z } from 'zod';
import { newConsentSchema } from './ledger';
import { checkBankCard, checkChineseIdNumber, checkEmail, checkPhone, normalizeChineseIdNumber } from './validation';

/**
 * The three levels every vault starts with. Levels are a list the owner manages in Settings
 * (managed_list_values, list 'level'); a customer stores a level's key, which never changes:
 * these three keep theirs, a level the owner adds gets a generated one (never its name), so a
 * rename touches no customer. Main checks a key against the list (electron/core/settings/levels.ts);
 * the app has its own words for these three until the owner names them.
 */
export const CUSTOMER_LEVELS = ['vip', 'regular', 'prospect'] as const;
export type BuiltInLevel = (typeof CUSTOMER_LEVELS)[number];
/** A level key: one of the built-in three or one the owner added. */
export type CustomerLevel = string;
export const LEVEL_KEY_MAX = 40;
export const levelKeySchema = z.string().trim().min(1).max(LEVEL_KEY_MAX);
export const isBuiltInLevel = (level: string): level is BuiltInLevel => (CUSTOMER_LEVELS as readonly string[]).includes(level);

/**
 * Fields that hold personal data beyond a name. Main decides per role whether each is sent in
 * full, masked or not at all (shared/field-policy.ts), and never lets a role search, sort or filter by
 * a field it cannot see in full.
 */
export const SENSITIVE_CUSTOMER_FIELDS = ['mobile', 'phone', 'email', 'wechat', 'addressDetail', 'idNumber', 'bankCard'] as const;
export type SensitiveCustomerField = (typeof SENSITIVE_CUSTOMER_FIELDS)[number];

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).optional();

const customerFieldsSchema = z
  .object({
    name: text(100).min(1),
    mobile: optionalText(32),
    phone: optionalText(32),
    email: optionalText(254),
    // A WeChat ID (微信号) is contact data, masked and revealed like a phone (shared/field-policy.ts).
    wechat: optionalText(40),
    province: optionalText(50),
    city: optionalText(50),
    addressDetail: optionalText(200),
    company: optionalText(200),
    industry: optionalText(100),
    region: optionalText(100),
    source: optionalText(100),
    level: levelKeySchema.optional(),
    notes: optionalText(5000),
    // The check character X is stored upper-case whichever way it was typed.
    idNumber: text(18).overwrite(normalizeChineseIdNumber).optional(),
    bankCard: optionalText(32),
    tags: z.array(text(40).min(1)).max(30).optional(),
    // A calendar date without a time (a birthday has no time zone); '' clears it on update.
    birthday: z.union([z.iso.date(), z.literal('')]).optional(),
  })
  .strict();

type FieldChecks = Partial<Record<'mobile' | 'phone' | 'email' | 'idNumber' | 'bankCard', (value: string) => string | null>>;
const CHECKS: FieldChecks = { mobile: checkPhone, phone: checkPhone, email: checkEmail, idNumber: checkChineseIdNumber, bankCard: checkBankCard };

/** Adds one issue per bad field; its message is a reason code the form turns into words. */
function checkFields(value: Partial<Record<keyof FieldChecks, string | undefined>>, ctx: z.RefinementCtx): void {
  for (const [field, check] of Object.entries(CHECKS) as [keyof FieldChecks, (v: string) => string | null][]) {
    const given = value[field];
    if (given === undefined || given === '') continue;
    const problem = check(given);
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
  }
}

export const customerInputSchema = customerFieldsSchema.superRefine(checkFields);
// Create only: the owner's new consent for a person erased at their request (shared/ledger.ts).
export const customerCreateSchema = customerFieldsSchema.extend({ newConsent: newConsentSchema.optional() }).strict().superRefine(checkFields);
export const customerChangesSchema = customerFieldsSchema.partial().superRefine(checkFields);
export type CustomerInput = z.infer<typeof customerFieldsSchema>;

/** A customer as it crosses the bridge: sensitive fields already masked or left out by main. */
export const customerViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  mobile: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  wechat: z.string().optional(),
  birthday: z.string().optional(),
  province: z.string().optional(),
  city: z.string().optional(),
  addressDetail: z.string().optional(),
  company: z.string().optional(),
  industry: z.string().optional(),
  region: z.string().optional(),
  source: z.string().optional(),
  level: levelKeySchema,
  ownerUsername: z.string(),
  notes: z.string().optional(),
  idNumber: z.string().optional(),
  bankCard: z.string().optional(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastInteractionAt: z.string().nullable(),
  /** Sensitive fields sent masked, which this user may reveal through customers.reveal. */
  revealable: z.array(z.enum(SENSITIVE_CUSTOMER_FIELDS)),
});
export type CustomerView = z.infer<typeof customerViewSchema>;

export const CUSTOMER_SORTS = ['name', 'updatedAt', 'level', 'createdAt', 'lastInteractionAt'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** Days without contact after which a customer counts as dormant, unless the filter says otherwise. */
export const DEFAULT_DORMANT_DAYS = 90;

/** Filters the list and the search share. Every one is on a basic field any reading role sees. */
export const customerFiltersSchema = z
  .object({
    level: levelKeySchema.optional(),
    tag: z.string().trim().min(1).max(40).optional(),
    owner: z.string().trim().min(1).max(64).optional(),
    region: z.string().trim().min(1).max(100).optional(),
    dormantDays: z.number().int().min(1).max(3650).optional(),
    // Issue 17: a retention batch's customers still waiting (the notice contact list).
    retentionBatch: z.number().int().positive().optional(),
  })
  .strict();
export type CustomerFilters = z.infer<typeof customerFiltersSchema>;
