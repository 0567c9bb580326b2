import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as XLSX from '@e965/xlsx';
import { CofferError, isErrorCode } from '../../../shared/errors';
import type { TextEncoding } from '../../../shared/import';
import { decodeText, looksBinary } from './decode';
import { detectDelimiter, readDelimited } from './delimited';
import { gridFromRecords, gridFromSheet, type Grid } from './grid';
import { HEADER_SEARCH_ROWS } from './headers';
import type { ParsedTable, ParseOptions } from './parsed-table';
import { parseFailure, withDefaults, type Limits } from './parse-limits';
import { checkContainer, sniffFormat } from './sniff';
import { tableFromGrid } from './table';

// Rows past the cap that SheetJS still reads: a title, blank rows and the header sit above the data.
const ROW_SLACK = 1000;

const asBuffer = (bytes: Uint8Array) => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/**
 * The whole parse, synchronously: what the worker runs, and what unit tests call directly. Every
 * refusal is an INVALID_INPUT CofferError with `fields.file` saying why (parse-limits.ts).
 */
export function parseInProcess(bytes: Uint8Array, options: ParseOptions = {}, limitsIn?: Partial<Limits>): ParsedTable {
  const limits = withDefaults(limitsIn);
  if (bytes.length === 0) throw parseFailure('empty', limits);
  if (bytes.length > limits.maxBytes) throw parseFailure('too_large', limits);
  const format = sniffFormat(bytes);
  if (format === 'text') return parseText(bytes, options, limits);
  checkContainer(bytes, format, limits);

  let book: XLSX.WorkBook;
  const rowsRead = limits.maxRows + (options.headerRow ?? 0) + ROW_SLACK;
  try {
    book = XLSX.read(asBuffer(bytes), {
      type: 'buffer',
      dense: true,
      // Raw values and their number formats: text stays text (leading zeros, 18-digit IDs) and
      // numbers are written out here (cell-text.ts), never through a display format like 1.1E+17.
      raw: true,
      cellNF: true,
      cellText: false,
      cellFormula: true,
      cellHTML: false,
      cellStyles: false,
      sheetRows: rowsRead,
    });
  } catch (error) {
    // SheetJS says "password-protected" for an encrypted ODS or BIFF; "Unsupported ZIP
    // encryption" is a damaged (or PKZIP-encrypted, which no office suite writes) archive.
    const said = error instanceof Error ? error.message : '';
    throw parseFailure(/password-protected/i.test(said) ? 'password_protected' : 'corrupt', limits);
  }
  const sheets = book.SheetNames.slice();
  if (sheets.length === 0) throw parseFailure('corrupt', limits);
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const gridOf = (name: string): Grid => {
    const sheet = book.Sheets[name];
    return sheet ? gridFromSheet(sheet, date1904, rowsRead, options.fillMerged === true) : { rows: [], longNumbers: [], formulas: [], truncated: false };
  };

  let sheet: string;
  let grid: Grid;
  if (options.sheet !== undefined) {
    if (!sheets.includes(options.sheet)) throw new CofferError('INVALID_INPUT', 'The workbook has no sheet of that name: pick one of its sheets.', { sheet: 'unknown' });
    sheet = options.sheet;
    grid = gridOf(sheet);
  } else {
    // The first sheet with something in it: workbooks often open with an empty or cover sheet.
    sheet = sheets[0]!;
    grid = gridOf(sheet);
    for (const name of sheets.slice(1)) {
      if (grid.rows.length > 0) break;
      sheet = name;
      grid = gridOf(name);
    }
    if (grid.rows.length === 0) sheet = sheets[0]!;
  }
  return tableFromGrid(grid, { format, sheets, sheet, encoding: null, encodingCandidates: [] }, options.headerRow, limits);
}

function parseText(bytes: Uint8Array, options: ParseOptions, limits: Limits): ParsedTable {
  const decoded = decodeText(bytes, options.encoding);
  // An encoding the person chose is shown even if it looks wrong; a guess that found only
  // binary is a file that is not text at all.
  if (!options.encoding && (!decoded.clean || looksBinary(decoded.text))) throw parseFailure('corrupt', limits);
  if (decoded.text.trim() === '') throw parseFailure('empty', limits);
  const delimiter = detectDelimiter(decoded.text);
  const { records, stopped } = readDelimited(decoded.text, delimiter, limits.maxRows + (options.headerRow ?? HEADER_SEARCH_ROWS) + 1);
  if (stopped) throw parseFailure('too_many_rows', limits);
  const facts = { format: 'text' as const, sheets: [], sheet: null, encoding: decoded.encoding, encodingCandidates: decoded.encodingCandidates };
  return tableFromGrid(gridFromRecords(records), facts, options.headerRow, limits);
}

export interface ParseFileOptions extends ParseOptions {
  /** The built worker (out/main/import-worker.js beside main). */
  workerScript: string;
  encoding?: TextEncoding | undefined;
  limits?: Partial<Limits> | undefined;
}

type WorkerMessage = { type: 'done'; value: ParsedTable } | { type: 'error'; code: string; message: string; fields?: Record<string, string> };

/**
 * The parse on a worker thread with a memory ceiling and a wall clock, so a hostile or huge file
 * can neither freeze the app's main thread nor take its memory: past either, the worker is
 * stopped and the file refused.
 */
export function parseImportFile(bytes: Uint8Array, options: ParseFileOptions): Promise<ParsedTable> {
  const limits = withDefaults(options.limits);
  if (bytes.length === 0) return Promise.reject(parseFailure('empty', limits));
  if (bytes.length > limits.maxBytes) return Promise.reject(parseFailure('too_large', limits));
  if (!fs.existsSync(options.workerScript)) return Promise.reject(new CofferError('INTERNAL', 'The import worker is missing from this installation. Reinstall Coffer.'));
  const parseOptions: ParseOptions = { sheet: options.sheet, encoding: options.encoding, headerRow: options.headerRow, fillMerged: options.fillMerged };
  return new Promise<ParsedTable>((resolve, reject) => {
    const worker = new Worker(options.workerScript, {
      workerData: { bytes, options: parseOptions, limits },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 64 },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(parseFailure('timeout', limits))), limits.timeoutMs);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'done') settle(() => resolve(message.value));
      else settle(() => reject(new CofferError(isErrorCode(message.code) ? message.code : 'INTERNAL', message.message, message.fields)));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(() => reject(outOfMemory ? parseFailure('too_large', limits) : new CofferError('INTERNAL', 'Reading the file stopped unexpectedly. Nothing was imported; try again.')));
    });
    worker.on('exit', () => settle(() => reject(new CofferError('INTERNAL', 'Reading the file stopped unexpectedly. Nothing was imported; try again.'))));
  });
}
