import type { Locale } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { IMPORT_REASONS, IMPORT_TARGETS, type ImportTarget, type RowReason, type RowResult } from '../../../../shared/import';
import { errorTextIn, type MessageKey, type Translate } from '../../i18n';
import { formatDateTime, formatNumber } from '../../i18n/format';

/** Why a file was refused, as main's parser says it in `fields.file`; each has its own advice. */
export const REFUSAL_REASONS = ['password_protected', 'corrupt', 'too_large', 'too_many_rows', 'zip_bomb', 'timeout', 'empty'] as const;

/**
 * A refused file in words that say what to do. The parser's reason decides the sentence; an
 * INVALID_INPUT without a known reason is still about the file, never "bad input" in general.
 */
export function refusalText(t: Translate, error: ErrorBody): string {
  const reason = error.fields?.file;
  if (error.fields?.headerRow) return t('import.map.headerRowOutOfRange');
  if (reason && (REFUSAL_REASONS as readonly string[]).includes(reason)) return t(`import.refused.${reason}` as MessageKey);
  if (error.code === 'INVALID_INPUT') return t('import.refused.other');
  return errorTextIn(t, 'import', error.code);
}

/**
 * One reason of a row, worded, with its column letter first ("C 列：手机号码无效" / "Column C:
 * invalid phone"). `targetOf` tells which field the column was mapped to, so an invalid number
 * in a landline column is not called a mobile number.
 */
export function reasonText(t: Translate, reason: RowReason, targetOf?: (letter: string) => ImportTarget | undefined): string {
  if (!(IMPORT_REASONS as readonly string[]).includes(reason.code)) return t('error.INTERNAL');
  const landline = reason.code === 'invalid_phone' && reason.column !== undefined && targetOf?.(reason.column) === 'phone';
  const key = landline ? 'import.reason.invalid_landline' : `import.reason.${reason.code}`;
  const text = t(key as MessageKey, { row: reason.row ?? '?' });
  return reason.column ? t('import.reason.inColumn', { column: reason.column, text }) : text;
}

/** Every reason of a row, errors before warnings, as one line for the table. */
export function rowReasonsText(t: Translate, row: Pick<RowResult, 'errors' | 'warnings'>, targetOf?: (letter: string) => ImportTarget | undefined): string {
  return [...row.errors, ...row.warnings].map((reason) => reasonText(t, reason, targetOf)).join(t('import.reason.separator'));
}

export interface MappingCheck {
  /** No column is mapped to the name, which every customer needs. */
  nameMissing: boolean;
  /** Targets (other than notes and ignore) chosen for more than one column, with those columns. */
  usedTwice: { target: ImportTarget; letters: string[] }[];
}

/** Notes take any number of columns (each appended as "header: value"); ignore is no target. */
const MULTI = new Set<ImportTarget>(['notes', 'ignore']);

/** Whether a mapping can go to the dry run; the same rule main applies, said before asking it. */
export function checkMapping(mapping: readonly { letter: string; target: ImportTarget }[]): MappingCheck {
  const byTarget = new Map<ImportTarget, string[]>();
  for (const { letter, target } of mapping) byTarget.set(target, [...(byTarget.get(target) ?? []), letter]);
  const usedTwice = IMPORT_TARGETS.filter((target) => !MULTI.has(target) && (byTarget.get(target)?.length ?? 0) > 1).map((target) => ({ target, letters: byTarget.get(target)! }));
  return { nameMissing: !byTarget.has('name'), usedTwice };
}

export function mappingReady(check: MappingCheck): boolean {
  return !check.nameMissing && check.usedTwice.length === 0;
}

/** A date and time in the chosen language (the app's one format: Chinese on the 24-hour clock). */
export function formatWhen(locale: Locale, iso: string): string {
  return formatDateTime(locale, iso);
}

/** A count in the chosen language's digit grouping (10,000 / 10,000). */
export function formatCount(locale: Locale, count: number): string {
  return formatNumber(locale, count);
}
