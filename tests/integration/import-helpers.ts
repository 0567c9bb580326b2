import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { expect } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, Role } from '../../shared/contract';
import type { ImportTarget } from '../../shared/import';
import type { ImportParser } from '../../electron/core/import/import-parser';
import type { ParsedTable } from '../../electron/core/import/parsed-table';
import { tempDir } from '../support/tmp';
import { accessWorld, type AccessWorld } from './access-helpers';

/**
 * The import service's parser, for tests that build their table: the "file" is the table itself
 * as JSON, so parse() is a plain function of the bytes the service read from disk.
 */
const SYNONYMS: Record<string, ImportTarget> = { 姓名: 'name', name: 'name', 手机: 'mobile', mobile: 'mobile', 邮箱: 'email', email: 'email', 公司: 'company', company: 'company', 城市: 'city', city: 'city', 标签: 'tags', tags: 'tags', 备注: 'notes', notes: 'notes', 等级: 'level', level: 'level', 身份证: 'idNumber' };
export const tableParser: ImportParser = {
  parse: async (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')) as ParsedTable,
  suggestMapping: (headers) => headers.map((h) => SYNONYMS[h] ?? 'ignore'),
  headerSignature: (headers) => headers.join('\u0001'),
  unguard: (text) => (/^'[=+\-@]/.test(text) ? text.slice(1) : text),
  errorWorkbook: (headers, rows) => {
    const sheet = XLSX.utils.aoa_to_sheet([['错误原因 Reason', ...headers], ...rows.map((r) => [r.reason, ...r.cells])]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Errors');
    return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  },
};

/** A parsed table: data rows numbered from 2 (row 1 is the header). */
export function table(headers: string[], rows: string[][], extra: Partial<ParsedTable> = {}): ParsedTable {
  return {
    format: 'xlsx', sheets: ['Sheet1'], sheet: 'Sheet1', encoding: null, encodingCandidates: [], headerRow: 1, headers,
    rows: rows.map((cells, i) => ({ row: i + 2, cells })), precisionLost: [], formulaCells: [], ...extra,
  };
}

export interface ImportWorld extends AccessWorld {
  folder: string;
  call<C extends ChannelName>(role: Role, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  refused(role: Role, channel: ChannelName, input: unknown): Promise<{ code: string; message: string }>;
  /** Puts the table in a file, has the role open it, and returns the import id. */
  open(role: Role, parsed: ParsedTable): Promise<string>;
  audit(action: string): { username: string; outcome: string; reason: string | null; customerIds: string | null }[];
  saved(): string;
}

export async function importWorld(options: { now?: () => number } = {}): Promise<ImportWorld> {
  const folder = tempDir();
  let next: string | null = null;
  let saved = '';
  let files = 0;
  const base = await accessWorld({
    ...(options.now ? { now: options.now } : {}),
    pickImportFile: async () => next,
    pickSaveFile: async () => (saved = path.join(folder, `saved-${++files}.xlsx`)),
    importParser: tableParser,
  });
  const world: ImportWorld = {
    ...base,
    folder,
    async call(role, channel, input) {
      const result = await base.router.dispatch(base.caller(role), channel, input);
      if (!result.ok) throw new Error(`${channel} as ${role}: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async refused(role, channel, input) {
      const result = await base.router.dispatch(base.caller(role), channel, input);
      expect(result.ok, `${channel} should be refused`).toBe(false);
      return (result as { ok: false; error: { code: string; message: string } }).error;
    },
    async open(role, parsed) {
      next = path.join(folder, `file-${++files}.xlsx`);
      fs.writeFileSync(next, JSON.stringify(parsed));
      const opened = await world.call(role, 'import.open', {});
      if (opened.status !== 'opened') throw new Error('not opened');
      return opened.preview.importId;
    },
    audit(action) {
      return base.core.vault.db().prepare('SELECT username, outcome, reason, customer_ids AS customerIds FROM audit_log WHERE action = ? ORDER BY id').all(action) as never;
    },
    saved: () => saved,
  };
  return world;
}

export const letters = (targets: ImportTarget[]) => targets.map((target, i) => ({ letter: String.fromCharCode(65 + i), target }));

/** Polls progress until the commit is no longer running. */
export async function finished(world: ImportWorld, role: Role, importId: string): Promise<ChannelOutput<'import.progress'>> {
  for (let i = 0; i < 2000; i++) {
    const progress = await world.call(role, 'import.progress', { importId });
    if (progress.state !== 'running') return progress;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('import did not finish');
}
