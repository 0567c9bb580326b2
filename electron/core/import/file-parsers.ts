import { unguard } from './cell-text';
import { errorWorkbook } from './error-workbook';
import { headerSignature, suggestMapping } from './headers';
import type { ImportParser } from './import-parser';
import { parseImportFile, parseInProcess } from './parse-file';

const shared = { suggestMapping, headerSignature, unguard, errorWorkbook } satisfies Omit<ImportParser, 'parse'>;

/** The app's parser: each file parsed on a worker thread with a memory ceiling and a time limit. */
export function workerImportParser(workerScript: string): ImportParser {
  return { ...shared, parse: (bytes, options) => parseImportFile(bytes, { ...options, workerScript }) };
}

/** The same parser on the calling thread, for tests that run without a built worker. */
export const inProcessImportParser: ImportParser = {
  ...shared,
  parse: (bytes, options) => Promise.resolve().then(() => parseInProcess(bytes, options)),
};
