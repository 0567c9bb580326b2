import { z } from 'zod';

/**
 * Customers in from Excel, WPS and CSV files: the shapes main and the import wizard share.
 * The file is opened, parsed (in a worker) and kept by main; the page only ever holds an opaque
 * import id, the preview it was sent and the row results of the dry run.
 */

/** The format decided from the file's bytes, never from its name (.et is OLE2 or ZIP inside). */
export const IMPORT_FORMATS = ['xlsx', 'xls', 'text'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Text encodings a .csv/.tsv/.txt may be in; 'utf8' includes a file with a UTF-8 BOM. */
export const TEXT_ENCODINGS = ['utf8', 'gb18030', 'big5', 'utf16le', 'utf16be'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/**
 * Where a column can go. Customer fields, 'tags' (split on ， , 、 ; ； / |), 'notes' (several
 * columns may map to it: each is appended as "header: value", so 微信 or 生日 are kept), or
 * 'ignore'. Every other target may be used by one column only.
 */
export const IMPORT_TARGETS = [
  'name', 'mobile', 'phone', 'email', 'wechat', 'birthday', 'province', 'city', 'addressDetail', 'company', 'industry', 'region', 'source',
  'level', 'notes', 'idNumber', 'bankCard', 'tags', 'ignore',
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** What the dry run decides for one row. */
export const ROW_ACTIONS = ['new', 'update', 'merge', 'skip', 'error'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

/**
 * What to do with a row that matches an existing customer (same phone or e-mail) or an earlier
 * row of the file: skip it; update the customer's empty fields only; overwrite the mapped
 * fields; add it as a new customer; or merge (fill empty fields, union tags, and keep every
 * differing value in the notes so nothing from the file is lost).
 */
export const DUPLICATE_CHOICES = ['skip', 'updateEmpty', 'overwrite', 'new', 'merge'] as const;
export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

/** Excel column letters (A, B, ..., Z, AA, ...), the way a shop owner finds a cell. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Every reason code a row or column can carry; the wizard words each in zh-CN and en. */
export const IMPORT_REASONS = [
  'name_missing', 'invalid_phone', 'invalid_email', 'invalid_id_number', 'invalid_bank_card', 'invalid_level', 'too_long',
  'id_precision_lost', 'formula_value', 'duplicate_in_vault', 'duplicate_in_file', 'duplicate_out_of_scope',
  'no_permission', 'possible_duplicate', 'edited_since', 'too_many_tags', 'invalid_birthday',
  // The row's mobile, phone or e-mail is on the decision ledger (erased at their request): the owner's new consent overrides.
  'person_erased',
] as const;
export type ImportReason = (typeof IMPORT_REASONS)[number];

export const reasonSchema = z.object({
  code: z.enum(IMPORT_REASONS),
  /** Column letter in the file, when the reason is about one cell. */
  column: z.string().max(3).optional(),
  /** The earlier file row this one repeats (duplicate_in_file). */
  row: z.number().int().optional(),
});
export type RowReason = z.infer<typeof reasonSchema>;

export const importColumnSchema = z.object({
  letter: z.string(),
  header: z.string(),
  /** Up to three example values from the first non-empty cells of the column. */
  samples: z.array(z.string()),
  /** From the remembered mapping for these headers, else the synonym dictionary when unambiguous. */
  suggested: z.enum(IMPORT_TARGETS),
});

export const importPreviewSchema = z.object({
  importId: z.string(),
  /** The picked file's base name, shown back to the person who picked it; never audited or logged. */
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  /** Text files: the chosen encoding and how many known headers each candidate decoding matched. */
  encoding: z.enum(TEXT_ENCODINGS).nullable(),
  encodingCandidates: z.array(z.object({ encoding: z.enum(TEXT_ENCODINGS), headerHits: z.number().int() })),
  /** Excel row number (1-based) of the header row. */
  headerRow: z.number().int().min(1),
  columns: z.array(importColumnSchema),
  /** Data rows below the header (empty rows not counted). */
  rows: z.number().int(),
  /** Whether the suggestions came from a mapping remembered for these headers. */
  rememberedMapping: z.boolean(),
  /** Columns whose numbers already lost digits in the source file (an 18-digit ID stored as a number). */
  precisionLost: z.array(z.string()),
  /** The same file (by SHA-256) was imported before: when and by whom. */
  importedBefore: z.object({ at: z.string(), by: z.string() }).nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const rowResultSchema = z.object({
  /** Excel row number in the file. */
  row: z.number().int(),
  action: z.enum(ROW_ACTIONS),
  /** The name as the file gives it (the person's own file), for finding the row. */
  name: z.string(),
  errors: z.array(reasonSchema),
  warnings: z.array(reasonSchema),
  /** The existing customer it matched, when the caller may see it; never one out of scope. */
  match: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});
export type RowResult = z.infer<typeof rowResultSchema>;

export const importCountsSchema = z.object({
  new: z.number().int(),
  update: z.number().int(),
  merge: z.number().int(),
  skip: z.number().int(),
  error: z.number().int(),
  warning: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importProgressSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'cancelled', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  counts: importCountsSchema,
  batchId: z.string().nullable(),
  /** A failure's error code and a data-free message, when state is 'failed'. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const importBatchSchema = z.object({
  batchId: z.string(),
  at: z.string(),
  by: z.string(),
  fileName: z.string(),
  counts: importCountsSchema,
  state: z.enum(['complete', 'cancelled', 'undone']),
  /** Undo is offered for 30 days. */
  undoUntil: z.string().nullable(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;
