import { CofferError } from '../../../shared/errors';

/** What a file may be before Coffer reads it; each is checked before the full parse where it can be. */
export interface Limits {
  /** The file itself. */
  maxBytes: number;
  /** ZIP (xlsx): the sum of the sizes the central directory declares once unpacked. */
  maxUncompressedBytes: number;
  /** ZIP (xlsx): unpacked / packed, over the whole archive. */
  maxCompressionRatio: number;
  /** Data rows below the header (empty rows not counted). */
  maxRows: number;
  /** Columns kept (fully empty ones not counted). */
  maxColumns: number;
  /** Wall clock for the worker, then it is stopped. */
  timeoutMs: number;
  /** The worker's V8 old generation; a file that needs more is refused as too large. */
  maxMemoryMb: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRows: 100_000,
  maxColumns: 200,
  timeoutMs: 60_000,
  maxMemoryMb: 512,
};

export const withDefaults = (limits?: Partial<Limits>): Limits => ({ ...DEFAULT_LIMITS, ...limits });

/**
 * Why a file was refused, in `fields.file` of the INVALID_INPUT error, so the wizard can word it;
 * the message itself is English, free of any data from the file, and says what to do.
 */
export const PARSE_FAILURES = [
  'password_protected',
  'corrupt',
  'too_large',
  'too_many_rows',
  'too_many_columns',
  'zip_bomb',
  'timeout',
  'empty',
] as const;
export type ParseFailure = (typeof PARSE_FAILURES)[number];

const count = (n: number) => n.toLocaleString('en-US');

function message(reason: ParseFailure, limits: Limits): string {
  switch (reason) {
    case 'password_protected':
      return 'The workbook is password-protected: remove the password in Excel (File > Info) and import again.';
    case 'corrupt':
      return 'The file is damaged or not a spreadsheet: open it in Excel or WPS, save it again as .xlsx or .csv and import that.';
    case 'too_large':
      return `The file is too large to import (more than ${count(Math.round(limits.maxBytes / 1024 / 1024))} MB or too much to hold in memory): split it into smaller files.`;
    case 'too_many_rows':
      return `The file has more than ${count(limits.maxRows)} rows: split it into smaller files.`;
    case 'too_many_columns':
      return `The sheet has more than ${count(limits.maxColumns)} columns: keep only the customer columns and import again.`;
    case 'zip_bomb':
      return 'The workbook unpacks to far more data than it holds and was not opened: save it again in Excel or WPS and import that.';
    case 'timeout':
      return 'Reading the file took too long and was stopped: split it into smaller files or save it as .csv.';
    case 'empty':
      return 'The file has no rows to import: check that you picked the right file and sheet.';
  }
}

export function parseFailure(reason: ParseFailure, limits: Limits = DEFAULT_LIMITS): CofferError {
  return new CofferError('INVALID_INPUT', message(reason, limits), { file: reason });
}

export function isParseFailure(value: unknown): value is ParseFailure {
  return typeof value === 'string' && (PARSE_FAILURES as readonly string[]).includes(value);
}
