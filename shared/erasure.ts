import { z } from 'zod';
import { maskEmail, maskPhone } from './masking';

/**
 * Erasure and anonymisation (issue 16): the vocabulary both sides read. The rules (what is
 * removed, the after-check, the privacy log) live in electron/core/privacy/erasure-*.ts.
 */
export const ERASE_MODES = ['anonymise', 'delete'] as const;
export type EraseMode = (typeof ERASE_MODES)[number];
export const eraseModeSchema = z.enum(ERASE_MODES);

export const ERASE_TRIGGERS = ['manual', 'purge', 'auto-purge', 'reapply'] as const;
export type EraseTrigger = (typeof ERASE_TRIGGERS)[number];

/** Items in the recycle bin longer than this are purged automatically unless held. */
export const RECYCLE_BIN_DAYS = 30;

/** What replaces a redacted mention in free text (both languages: it is stored, not translated). */
export const REDACTED = '[已删除 redacted]';

/** The name an anonymised customer keeps: the id only, which the audit log names anyway. */
export const pseudonymOf = (customerId: number): string => `已匿名 Anonymised #${customerId}`;

/**
 * A name as the privacy log keeps it: each word's first character, the rest as stars (王伟 -> 王*,
 * Li Na -> L* N*), the Odoo privacy-log style; never longer than the name.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const chars = [...word];
      return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
    })
    .join(' ');
}

/** Masked phone / e-mail via the app's masking; a value the mask cannot handle is left out entirely. */
export const maskedPhone = (value: string | null): string | null => (value ? (maskPhone(value) ?? '****') : null);
export const maskedEmail = (value: string | null): string | null => (value ? (maskEmail(value) ?? '****') : null);

/** Where a mention was found: the kind of free text, for the page's labels. */
export const MENTION_PLACES = ['customer.notes', 'interaction.summary', 'purchase.item', 'purchase.note', 'reminder.note', 'import.fileName', 'approval.reason', 'alert.note'] as const;
export type MentionPlace = (typeof MENTION_PLACES)[number];

export const lookupCustomerSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  inRecycleBin: z.boolean(),
  legalHold: z.boolean(),
  interactions: z.number().int(),
  purchases: z.number().int(),
  reminders: z.number().int(),
});
export type LookupCustomer = z.infer<typeof lookupCustomerSchema>;

export const mentionSchema = z.object({
  place: z.enum(MENTION_PLACES),
  rowId: z.number().int(),
  /** The customer the text belongs to (another customer's note may mention this person). */
  customerId: z.number().int().nullable(),
  /** A few characters around the hit, the hit itself masked unless the role sees it in full. */
  context: z.string(),
});
export type Mention = z.infer<typeof mentionSchema>;

export const eraseCheckSchema = z.object({
  passed: z.boolean(),
  /** "table.column" -> rows where a value of the person was still found (no values). */
  hits: z.record(z.string(), z.number().int()),
  /** Other customers' own records that share the name, phone or e-mail: another person's data, kept. */
  otherRecords: z.number().int(),
  scannedColumns: z.number().int(),
  /**
   * Absent once the check has run. 'running': the erasure committed and the check is still going
   * (it runs on a worker thread after the commit); 'interrupted': the app stopped or the vault
   * locked before it finished, and the values it needed are gone with the person: not a proof.
   */
  status: z.enum(['running', 'interrupted']).optional(),
});
export type EraseCheck = z.infer<typeof eraseCheckSchema>;

/** What the privacy log holds between the erasure's commit and the check's answer. */
export const CHECK_RUNNING: EraseCheck = { passed: false, hits: {}, otherRecords: 0, scannedColumns: 0, status: 'running' };
export const CHECK_INTERRUPTED: EraseCheck = { passed: false, hits: {}, otherRecords: 0, scannedColumns: 0, status: 'interrupted' };

/** The after-checks running now (tables searched so far over all of them), for the page's progress line. */
export const checkProgressSchema = z.object({ running: z.number().int(), done: z.number().int(), total: z.number().int() });
export type CheckProgress = z.infer<typeof checkProgressSchema>;

export const eraseResultSchema = z.object({
  logId: z.number().int(),
  mode: eraseModeSchema,
  pseudonym: z.string().nullable(),
  touched: z.record(z.string(), z.number().int()),
  check: eraseCheckSchema,
});
export type EraseResult = z.infer<typeof eraseResultSchema>;

export const privacyLogEntrySchema = z.object({
  id: z.number().int(),
  requestId: z.number().int().nullable(),
  customerId: z.number().int(),
  mode: eraseModeSchema,
  trigger: z.enum(ERASE_TRIGGERS),
  maskedName: z.string(),
  maskedPhone: z.string().nullable(),
  maskedEmail: z.string().nullable(),
  pseudonym: z.string().nullable(),
  touched: z.record(z.string(), z.number().int()),
  actor: z.string().nullable(),
  at: z.string(),
  approvalId: z.number().int().nullable(),
  check: eraseCheckSchema,
});
export type PrivacyLogEntry = z.infer<typeof privacyLogEntrySchema>;

export const binItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  deletedAt: z.string(),
  legalHold: z.boolean(),
  /** When the automatic purge will take it (null: held). */
  purgeAfter: z.string().nullable(),
});
export type BinItem = z.infer<typeof binItemSchema>;
