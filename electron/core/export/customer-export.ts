import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { EXPORT_COLUMNS, type ExportColumn } from '../../../shared/channels/export';
import { SENSITIVE_CUSTOMER_FIELDS, type CustomerFilters, type CustomerView, type SensitiveCustomerField } from '../../../shared/customers';
import { CofferError } from '../../../shared/errors';
import type { Locale } from '../../../shared/locale';
import { grantFor } from '../../../shared/permissions';
import type { ApprovalTicket } from '../approvals/approval-gate';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { mapFsError } from '../db/storage-errors';
import { listCustomers, sortValueOf, tagsOf } from '../customers/customer-repository';
import { scopedCustomerWhere, type AuditFn } from '../customers/customer-service';
import { toCustomerView, type FieldPolicy } from '../customers/customer-view';
import { fieldGate, gateAllows, refuseDisabledFilters, withoutDisabledFields, type FieldGate } from '../settings/customer-fields';
import { csvEncoder, csvLine } from './csv-writer';
import { openExportFile } from './export-file';
import { levelNames } from '../settings/levels';
import { localDateTime, utcOffset } from './export-words';
import { guardFormula } from './formula-guard';
import { createXlsxStream } from './xlsx-stream';
import type { DisclosureInput } from '../../../shared/disclosures';
import { checkDisclosure, recordExportDisclosure } from '../privacy/disclosure-service';
import type { ConsentLeftOut, MarketingPurpose } from '../../../shared/consent';
import { consentExportFilter } from '../privacy/consent-service';

/** Asks the person where to save; null when they cancel. Main shows Electron's save dialog. */
export type PickSaveFile = (suggestedName: string, format: 'xlsx' | 'csv' | 'txt' | 'json') => Promise<string | null>;

export interface ExportInput {
  format: 'xlsx' | 'csv';
  encoding?: 'utf8' | 'gbk' | undefined;
  filters?: CustomerFilters | undefined;
  columns: ExportColumn[];
  /** Marked as a disclosure to a third party: a register row is written with the audit row (issue 16). */
  disclosure?: DisclosureInput | undefined;
  purpose?: MarketingPurpose | undefined;
  /** Only these customers (a breach's affected list, issue 17): set by core, never by the page. */
  onlyIds?: ReadonlySet<number> | undefined;
}

export type ExportResult =
  | { status: 'cancelled' }
  | { status: 'saved'; exportId: string; rows: number; omitted: ExportColumn[]; masked: ExportColumn[]; unencodable: number; consentLeftOut?: ConsentLeftOut };

export interface ExportDeps {
  db: () => Db;
  policy: FieldPolicy;
  audit: AuditFn;
  pickSaveFile: PickSaveFile;
  now?: () => number;
  /** The app's language (preferences): level words in the file are the ones the screen shows. */
  locale?: () => Locale;
  /** Rows read per query: bounded memory for the CSV path at 100,000 rows. */
  batch?: number;
}

const isSensitive = (column: ExportColumn): column is SensitiveCustomerField => (SENSITIVE_CUSTOMER_FIELDS as readonly string[]).includes(column);

const DATE_COLUMNS: readonly ExportColumn[] = ['createdAt', 'updatedAt', 'lastInteractionAt'];

/**
 * A cell as the screen shows it: the view is the one toCustomerView builds for the list (masked
 * for the role), the level by the owner's name for it (or the app's word, in the app's language), times as local `2026-12-01 14:05`.
 */
function cellOf(view: CustomerView, column: ExportColumn, levels: ReadonlyMap<string, string>): string {
  if (column === 'level') return guardFormula(levels.get(view.level) ?? view.level);
  const value = column === 'tags' ? view.tags.join(', ') : view[column];
  if (value === undefined || value === null) return '';
  return guardFormula(DATE_COLUMNS.includes(column) ? localDateTime(String(value)) : String(value));
}

const SHEET_NAMES = ['Export 导出说明', 'Customers 客户'];

/**
 * Customers out to a file. Rows are those the caller's read scope and filters give (the list's
 * SQL), each cell from the list's own masked view; columns the role may not see are left out and
 * named on the cover sheet. The row is audited (id, filter, columns, count, SHA-256) after the
 * file is in place and before the answer; if that fails the file is removed again.
 */
export function createCustomerExport(deps: ExportDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  const batch = deps.batch ?? 1000;

  function plan(db: Db, session: Session, columns: ExportColumn[]) {
    const gate = fieldGate(db);
    const wanted = EXPORT_COLUMNS.filter((c) => columns.includes(c));
    // A switched-off field never leaves, nor notes withheld from this role (free text is personal data).
    const hidden = (c: ExportColumn) => !gateAllows(gate, session.role, c) || (isSensitive(c) && deps.policy.visibility(session.role, c) === 'hidden');
    const kept = wanted.filter((c) => !hidden(c));
    return {
      kept,
      omitted: wanted.filter(hidden),
      masked: kept.filter((c) => isSensitive(c) && deps.policy.visibility(session.role, c) === 'masked'),
      gate,
    };
  }

  /** Every in-scope row, batch by batch, inside one read transaction (one consistent snapshot). */
  function eachBatch(db: Db, session: Session, filters: CustomerFilters | undefined, gate: FieldGate, visit: (views: CustomerView[]) => void, keep?: (views: CustomerView[]) => CustomerView[]): number {
    const grant = grantFor(session.role, 'customers.read');
    refuseDisabledFilters(db, filters);
    const where = scopedCustomerWhere(grant === 'all' || grant === 'own' ? grant : 'none', session.userId, filters, now(), session.role);
    let after: { value: string; id: number } | undefined;
    let total = 0;
    for (;;) {
      const rows = listCustomers(db, { ...where, sort: 'name', descending: false, after, limit: batch });
      if (rows.length === 0) break;
      const tags = tagsOf(db, rows.map((r) => r.id));
      const views = rows.map((row) => toCustomerView(withoutDisabledFields(row, gate, session.role), tags.get(row.id) ?? [], session.role, session.userId, deps.policy));
      // An export for a purpose drops customers without that consent (the filter counts them).
      const kept = keep ? keep(views) : views;
      visit(kept);
      total += kept.length;
      const last = rows[rows.length - 1]!;
      // The name sort's cursor is its pinyin sort key (migration 19), not the name.
      after = { value: sortValueOf(last, 'name'), id: last.id };
      if (rows.length < batch) break;
    }
    return total;
  }

  return {
    async export(session: Session, input: ExportInput, ticket: ApprovalTicket): Promise<ExportResult> {
      // The router checked the permission already; checked again here so the rule lives in core.
      // 'approval' (managers) exports only under an approved request (fail closed without one).
      const grant = grantFor(session.role, 'customers.export');
      const allowed = grant === 'all' || grant === 'own' || (grant === 'approval' && ticket.approvalId !== null);
      if (!allowed) throw new CofferError('FORBIDDEN', 'Your role does not allow exporting customers.');
      // A disclosure with a basis the regime does not offer is refused before the save dialog.
      if (input.disclosure) checkDisclosure(deps.db(), input.disclosure);
      const at = now();
      const stamp = at.toISOString().slice(0, 10).replace(/-/g, '');
      const target = await deps.pickSaveFile(`coffer-customers-${stamp}.${input.format}`, input.format);
      if (target === null) return { status: 'cancelled' };

      const db = deps.db();
      const exportId = randomUUID();
      const encoding = input.format === 'csv' ? (input.encoding ?? 'utf8') : 'utf8';
      let file: ReturnType<typeof openExportFile>;
      try {
        file = openExportFile(target);
      } catch (error) {
        throw mapFsError(error);
      }
      let rows: number;
      // Which customers left in the file, ids only: "customers this user saw" includes exports.
      const ids: number[] = [];
      let unencodable = 0;
      let sha256: string;
      const { kept, omitted, masked, gate } = plan(db, session, input.columns);
      const locale = deps.locale?.() ?? 'en';
      // The owner's level names (or the app's words for the built-in ones), read once per file.
      const levels = levelNames(db, locale);
      const row = (v: CustomerView) => kept.map((c) => cellOf(v, c, levels));
      const consent = input.purpose ? consentExportFilter(db, input.purpose) : undefined;
      const only = input.onlyIds;
      const keep =
        consent || only
          ? (views: CustomerView[]) => {
              const listed = only ? views.filter((v) => only.has(v.id)) : views;
              return consent ? consent.keep(listed) : listed;
            }
          : undefined;
      try {
        if (input.format === 'csv') {
          const encoder = csvEncoder(encoding);
          file.write(encoder.start());
          file.write(encoder.encode(csvLine(kept)));
          rows = db.transaction(() =>
            eachBatch(db, session, input.filters, gate, (views) => {
              for (const v of views) ids.push(v.id);
              file.write(encoder.encode(views.map((v) => csvLine(row(v))).join('')));
            }, keep),
          )();
          unencodable = encoder.unencodable();
        } else {
          // The customers go out as they are read (sheet 2); the cover (sheet 1) needs the row
          // count, so it is written after them and listed first in the workbook.
          const book = createXlsxStream((chunk) => file.write(chunk));
          const sheet = book.sheet(2);
          sheet.rows([kept]);
          rows = db.transaction(() =>
            eachBatch(db, session, input.filters, gate, (views) => {
              for (const v of views) ids.push(v.id);
              sheet.rows(views.map(row));
            }, keep),
          )();
          sheet.end();
          const cover = book.sheet(1);
          cover.rows([...coverSheet({ exportId, session, at, filters: input.filters, rows, kept, masked, omitted }), ...consentCover(consent?.left)]);
          cover.end();
          book.finish(SHEET_NAMES);
        }
        sha256 = file.commit();
      } catch (error) {
        file.abort();
        // A full disk or a read-only folder: a STORAGE_UNAVAILABLE the page can explain.
        throw mapFsError(error);
      }
      try {
        // The approval (when one was needed) is used with the export's audit row, in one transaction.
        db.transaction(() => {
          ticket.markExecuted(db);
          const entry = auditEntry(session, exportId, input, encoding, kept, rows, sha256);
          deps.audit(db, { ...entry, reason: withConsentReason(entry.reason, consent?.left), customerIds: ids }, now());
          if (input.disclosure) recordExportDisclosure(db, deps.audit, session, input.disclosure, { exportId, filters: input.filters, columns: kept, customerIds: ids }, now());
        })();
      } catch (error) {
        // No export without its audit row: the file goes again.
        fs.rmSync(target, { force: true });
        throw error;
      }
      return { status: 'saved', exportId, rows, omitted, masked, unencodable, ...(consent ? { consentLeftOut: consent.left } : {}) };
    },
  };
}

function auditEntry(session: Session, exportId: string, input: ExportInput, encoding: string, kept: ExportColumn[], rows: number, sha256: string) {
  const format = input.format === 'csv' ? `csv-${encoding}` : 'xlsx';
  const base = `rows=${rows} format=${format} sha256=${sha256}`;
  const filter = ` filter=${JSON.stringify(input.filters ?? {})}`;
  // The reason has a length limit; a filter too long for it is named by its keys (in fields).
  const reason = base.length + filter.length <= 200 ? base + filter : `${base} filter=(see fields)`;
  return {
    actor: auditActor(session),
    action: 'customer.export' as const,
    entity: 'customer',
    recordId: exportId,
    outcome: 'ok' as const,
    fields: [...kept, ...Object.keys(input.filters ?? {}).map((k) => `filter.${k}`)],
    reason,
  };
}

function coverSheet(info: { exportId: string; session: Session; at: Date; filters: CustomerFilters | undefined; rows: number; kept: ExportColumn[]; masked: ExportColumn[]; omitted: ExportColumn[] }): string[][] {
  const list = (columns: ExportColumn[]) => (columns.length === 0 ? '-' : columns.join(', '));
  return [
    ['导出编号 Export id', info.exportId],
    ['导出人 Exported by', `${info.session.username} (${info.session.role})`],
    [`时间 When (${utcOffset(info.at)})`, localDateTime(info.at.toISOString())],
    ['筛选 Filter', JSON.stringify(info.filters ?? {})],
    ['行数 Rows', String(info.rows)],
    ['列 Columns', list(info.kept)],
    ['已遮盖的列 Masked columns', list(info.masked)],
    ['未导出的列（无权查看） Omitted columns (not visible to this role)', list(info.omitted)],
  ];
}

/** The cover sheet's lines about a purpose's consent (issue 16): what was left out and why. */
function consentCover(left: ConsentLeftOut | undefined): string[][] {
  if (!left) return [];
  return [
    ['用途 Purpose', left.purpose],
    ['未导出：已撤回同意 Left out: consent withdrawn', String(left.withdrawn)],
    ['未导出：未取得同意 Left out: consent never recorded', String(left.neverGranted)],
  ];
}

/** The purpose and its left-out counts go first in the audit reason, so the 200-character cut never drops them. */
function withConsentReason(reason: string, left: ConsentLeftOut | undefined): string {
  if (!left) return reason;
  return `purpose=${left.purpose} withdrawn=${left.withdrawn} neverGranted=${left.neverGranted} ${reason}`.slice(0, 200);
}

export type CustomerExport = ReturnType<typeof createCustomerExport>;
