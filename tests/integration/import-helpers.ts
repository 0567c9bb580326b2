import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, Role } from '../../shared/contract';
import type { ImportTarget } from '../../shared/import';
import type { ImportParser } from '../../electron/core/import/import-parser';
import type { ParsedTable } from '../../electron/core/import/parsed-table';
import { tableParser } from './import-table';
import { tempDir } from '../support/tmp';
import { accessWorld, type AccessWorld } from './access-helpers';

export { table, tableParser } from './import-table';

export interface ImportWorld extends AccessWorld {
  folder: string;
  call<C extends ChannelName>(role: Role, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  refused(role: Role, channel: ChannelName, input: unknown): Promise<{ code: string; message: string }>;
  /** Puts the table in a file, has the role open it, and returns the import id. */
  open(role: Role, parsed: ParsedTable): Promise<string>;
  /** Has the role open this file (the dialog answers with it); returns the preview. */
  openFile(role: Role, file: string): Promise<ChannelOutput<'import.preview'>>;
  audit(action: string): { username: string; outcome: string; reason: string | null; customerIds: string | null }[];
  saved(): string;
}

export async function importWorld(options: { now?: () => number; parser?: ImportParser } = {}): Promise<ImportWorld> {
  const folder = tempDir();
  let next: string | null = null;
  let saved = '';
  let files = 0;
  const base = await accessWorld({
    ...(options.now ? { now: options.now } : {}),
    pickImportFile: async () => next,
    pickSaveFile: async () => (saved = path.join(folder, `saved-${++files}.xlsx`)),
    importParser: options.parser ?? tableParser,
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
    async openFile(role, file) {
      next = file;
      const opened = await world.call(role, 'import.open', {});
      if (opened.status !== 'opened') throw new Error('not opened');
      return opened.preview;
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
