import fs from 'node:fs';
import type { RowResult } from '../../../shared/import';
import type { Locale } from '../../../shared/locale';
import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import type { PickSaveFile } from '../export/customer-export';
import { writeExportFile } from '../export/export-file';
import type { ImportParser } from './import-parser';
import type { ParsedTable } from './parsed-table';
import { reasonText } from './reason-text';

/**
 * The rows with errors or warnings back to the person as an .xlsx: the original cells and a reason
 * column in the vault's language. Their own file's data only; written atomically, then audited
 * (no audit row, no file).
 */
export async function saveErrorRows(
  session: Session,
  importId: string,
  table: ParsedTable,
  results: readonly RowResult[],
  deps: { db: () => Db; audit: AuditFn; parser: ImportParser; pickSaveFile: PickSaveFile; locale: () => Locale; now: () => Date },
): Promise<{ status: 'cancelled' } | { status: 'saved'; rows: number }> {
  const locale = deps.locale();
  const byRow = new Map(table.rows.map((r) => [r.row, r.cells]));
  const rows = results
    .filter((r) => r.errors.length > 0 || r.warnings.length > 0)
    .map((r) => ({ row: r.row, cells: byRow.get(r.row) ?? [], reasons: [...r.errors, ...r.warnings].map((reason) => reasonText(reason, locale)).join(locale === 'zh-CN' ? '；' : '; ') }));
  const stamp = deps.now().toISOString().slice(0, 10).replace(/-/g, '');
  const target = await deps.pickSaveFile(`coffer-import-errors-${stamp}.xlsx`, 'xlsx');
  if (target === null) return { status: 'cancelled' };
  writeExportFile(target, deps.parser.errorWorkbook(table.headers, rows));
  try {
    deps.audit(deps.db(), { actor: auditActor(session), action: 'customer.import', entity: 'import', recordId: importId, outcome: 'ok', reason: `errors-saved rows=${rows.length}` }, deps.now());
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
  return { status: 'saved', rows: rows.length };
}
