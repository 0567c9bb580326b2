import { columnLetter, type ImportTarget, type RowReason } from '../../../shared/import';
import { checkBankCard, checkChineseIdNumber, checkEmail, checkPhone, normalizeChineseIdNumber } from '../../../shared/validation';
import type { CustomerColumnField } from '../customers/customer-repository';
import type { ParsedTable } from './parsed-table';

/**
 * One file row turned into customer values, with its problems. Pure: no database. Errors stop
 * the row; warnings keep it (an invalid phone is kept, raw, in the notes rather than dropped).
 */

export type FieldTarget = Exclude<ImportTarget, 'tags' | 'notes' | 'ignore'>;

/** The customer form's maximum lengths (customerInputSchema), per field. */
export const MAX_LENGTH: Record<FieldTarget | 'notes' | 'tag', number> = {
  name: 100, mobile: 32, phone: 32, email: 254, wechat: 40, birthday: 20, province: 50, city: 50, addressDetail: 200, company: 200,
  industry: 100, region: 100, source: 100, level: 20, notes: 5000, idNumber: 18, bankCard: 32, tag: 40,
};
export const MAX_TAGS = 30;
const TAG_SPLIT = /[，,、;；/|]/;

// The usual Chinese spellings of the built-in levels, besides the words the app shows.
const BUILT_IN_SPELLINGS: Record<string, string> = {
  重要: 'vip', 重要客户: 'vip', vip客户: 'vip', 普通: 'regular', 普通客户: 'regular', 潜在: 'prospect', 潜在客户: 'prospect',
};

/**
 * Cell text -> level key, from the owner's list (settings/levels.ts rows): a level's key, the
 * owner's name for it, the app's words for a built-in one in either language (what Coffer's own
 * export writes) and the usual Chinese spellings; case-insensitive. A retired level is not matched.
 */
export function levelMatcher(rows: readonly { value: string; names: readonly string[] }[]): (text: string) => string | undefined {
  const byText = new Map<string, string>();
  const keys = new Set(rows.map((r) => r.value));
  for (const [text, key] of Object.entries(BUILT_IN_SPELLINGS)) if (keys.has(key)) byText.set(text, key);
  // Names before keys, so an owner's name wins over a built-in spelling it happens to share.
  for (const row of rows) for (const name of row.names) byText.set(name.toLowerCase(), row.value);
  for (const row of rows) byText.set(row.value.toLowerCase(), row.value);
  return (text) => byText.get(text.toLowerCase());
}

export interface MappedColumn {
  index: number;
  letter: string;
  header: string;
  target: ImportTarget;
}

export interface RowValues {
  values: Partial<Record<CustomerColumnField, string>>;
  /** The column each value came from, for reasons about a later change (no_permission). */
  columns: Partial<Record<CustomerColumnField, MappedColumn>>;
  tags: string[] | null;
  /** Text from notes columns: the first as is, later ones as "header: value". */
  notes: string[];
  /** Values kept in the notes because they could not go in their field (an invalid phone). */
  extraNotes: string[];
  errors: RowReason[];
  warnings: RowReason[];
}

export interface RowContext {
  columns: MappedColumn[];
  precisionLost: ReadonlySet<number>;
  formulaCells: ReadonlySet<string>;
  unguard: (text: string) => string;
  /** Cell text -> level key (levelMatcher over the owner's list). */
  levelOf: (text: string) => string | undefined;
}

/**
 * The file's own column letter of each kept column: the parser drops empty columns, so the i-th
 * header is not always column i of the sheet (sourceColumns says which it is).
 */
export function columnLetters(table: Pick<ParsedTable, 'headers'> & { sourceColumns?: readonly number[] }): string[] {
  return table.headers.map((_, i) => columnLetter(table.sourceColumns?.[i] ?? i));
}

export function mapColumns(table: Pick<ParsedTable, 'headers'>, mapping: readonly { letter: string; target: ImportTarget }[]): MappedColumn[] {
  const letters = columnLetters(table);
  const byLetter = new Map(table.headers.map((header, index) => [letters[index]!, { index, header }]));
  return mapping
    .filter((m) => m.target !== 'ignore')
    .map((m) => {
      const column = byLetter.get(m.letter);
      return column ? { ...column, letter: m.letter, target: m.target } : null;
    })
    .filter((c): c is MappedColumn => c !== null);
}

export function splitTags(text: string): string[] {
  return [...new Set(text.split(TAG_SPLIT).map((t) => t.trim()).filter((t) => t.length > 0))];
}

export function rowValues(row: number, cells: readonly string[], context: RowContext): RowValues {
  const out: RowValues = { values: {}, columns: {}, tags: null, notes: [], extraNotes: [], errors: [], warnings: [] };
  let notesColumns = 0;
  for (const column of context.columns) {
    const raw = cells[column.index] ?? '';
    const text = context.unguard(raw).trim();
    // Only notes keep a cell's line breaks; every other field is one line.
    const value = column.target === 'notes' ? text : text.replace(/\s*\n\s*/g, ' ');
    if (value === '') continue;
    const at = { column: column.letter };
    if (context.precisionLost.has(column.index)) out.errors.push({ code: 'id_precision_lost', ...at });
    if (context.formulaCells.has(`${row}:${column.index}`)) out.warnings.push({ code: 'formula_value', ...at });
    const target = column.target;
    if (target === 'notes') {
      const line = notesColumns++ === 0 ? value : `${column.header}: ${value}`;
      if (line.length > MAX_LENGTH.notes) out.errors.push({ code: 'too_long', ...at });
      else out.notes.push(line);
      continue;
    }
    if (target === 'tags') {
      const tags = splitTags(value);
      if (tags.some((t) => t.length > MAX_LENGTH.tag)) out.errors.push({ code: 'too_long', ...at });
      if (tags.length > MAX_TAGS) out.warnings.push({ code: 'too_many_tags', ...at });
      out.tags = [...new Set([...(out.tags ?? []), ...tags.slice(0, MAX_TAGS)])].slice(0, MAX_TAGS);
      continue;
    }
    if (target === 'ignore') continue;
    if (target === 'level') {
      const level = context.levelOf(value);
      if (level) {
        out.values.level = level;
        out.columns.level = column;
      } else out.warnings.push({ code: 'invalid_level', ...at });
      continue;
    }
    if (value.length > MAX_LENGTH[target]) {
      out.errors.push({ code: 'too_long', ...at });
      continue;
    }
    if (target === 'birthday') {
      const date = birthdayOf(value);
      if (date) {
        out.values.birthday = date;
        out.columns.birthday = column;
      } else {
        out.warnings.push({ code: 'invalid_birthday', ...at });
        out.extraNotes.push(`${column.header}: ${value}`);
      }
      continue;
    }
    if ((target === 'mobile' || target === 'phone') && checkPhone(value)) {
      // Kept, not dropped: the raw text goes to the notes and the person sees a warning.
      out.warnings.push({ code: 'invalid_phone', ...at });
      out.extraNotes.push(`${column.header}: ${value}`);
      continue;
    }
    const problem = target === 'email' ? checkEmail(value) : target === 'idNumber' ? checkChineseIdNumber(value) : target === 'bankCard' ? checkBankCard(value) : null;
    if (problem) {
      out.errors.push({ code: problem, ...at });
      continue;
    }
    out.values[target] = target === 'idNumber' ? normalizeChineseIdNumber(value) : value;
    out.columns[target] = column;
  }
  const nameAt = nameLetter(context.columns);
  if (!out.values.name && !out.errors.some((e) => e.column !== undefined && e.column === nameAt?.column)) out.errors.unshift({ code: 'name_missing', ...(nameAt ?? {}) });
  return out;
}

/**
 * A birthday as people type it (1990-03-07, 1990/3/7, 1990.3.7, 1990年3月7日, 19900307) as
 * YYYY-MM-DD, or null. A cell Excel stored as a date reaches here as its text; day-month order
 * (07/03/1990) is ambiguous and is not guessed.
 */
export function birthdayOf(value: string): string | null {
  const text = value.normalize('NFKC').trim();
  const match = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2] ?? match[4]), Number(match[3] ?? match[5])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function nameLetter(columns: readonly MappedColumn[]): { column: string } | null {
  const name = columns.find((c) => c.target === 'name');
  return name ? { column: name.letter } : null;
}
