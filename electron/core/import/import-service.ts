import { createHash, randomUUID } from 'node:crypto';
import type { NewConsent } from '../../../shared/ledger';
import { checkNewConsent, recordNewConsent } from '../privacy/consent-after-erasure';
import { supersede } from '../privacy/ledger-gate';
import fs from 'node:fs';
import path from 'node:path';
import { SENSITIVE_CUSTOMER_FIELDS } from '../../../shared/customers';
import { CofferError } from '../../../shared/errors';
import { canQueryField } from '../../../shared/field-policy';
import {
  type DuplicateChoice,
  type ImportBatch,
  type ImportPreview,
  type ImportProgress,
  type ImportTarget,
  type RowAction,
  type RowResult,
} from '../../../shared/import';
import type { Locale } from '../../../shared/locale';
import { grantFor } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import { parseFailure, withDefaults } from './parse-limits';
import { mapFsError } from '../db/storage-errors';
import type { PickSaveFile } from '../export/customer-export';
import { isFieldOn } from '../settings/customer-fields';
import { runCommit, type CommitJob, type WrittenRow } from './import-commit';
import type { ImportParser } from './import-parser';
import { planImport, type Plan, type PlanInput } from './import-plan';
import { insertBatch, lastImportOf, listBatches, rememberMapping, settleInterruptedBatches } from './import-repository';
import { UNDO_DAYS, undoBatch, type UndoResult } from './import-undo';
import type { ParseOptions, ParsedTable } from './parsed-table';
import { saveErrorRows } from './import-errors-file';
import { columnLetters } from './row-values';
import { buildPreview } from './import-preview';
import type { ImportConsent } from '../../../shared/consent';
import { importConsentWriter } from '../privacy/consent-service';
import { DAY_MS } from '../platform/time';

export type PickImportFile = () => Promise<string | null>;

export interface ImportDeps {
  db: () => Db;
  audit: AuditFn;
  parser: ImportParser;
  pickImportFile: PickImportFile;
  pickSaveFile: PickSaveFile;
  locale: () => Locale;
  now?: () => number;
  /** Files above this are refused before they are read (default 50 MB). */
  maxBytes?: number;
  /** Data rows above this are refused (default 100,000). */
  maxRows?: number;
  batchSize?: number;
  afterBatch?: (done: number) => void;
}

interface OpenImport {
  id: string;
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  options: ParseOptions;
  table: ParsedTable;
  plan: (Plan & { input: PlanInput }) | null;
  /** A dry run is between two of its pauses: no second one, and no commit, until it ends. */
  planning: boolean;
  job: CommitJob | null;
}

const FIRST_ROWS = 200;
const IDLE: ImportProgress = { state: 'idle', done: 0, total: 0, counts: { new: 0, update: 0, merge: 0, skip: 0, error: 0, warning: 0 }, batchId: null, error: null };

/**
 * Customers in from a file: open (the dialog, the hash, the parse), preview, dry run, commit in
 * batches with progress and cancel, the error rows saved, history and undo. The open file lives
 * in memory for the session that opened it (one at a time), never in the page.
 */
export function createImportService(deps: ImportDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  const limits = withDefaults({ ...(deps.maxBytes ? { maxBytes: deps.maxBytes } : {}), ...(deps.maxRows ? { maxRows: deps.maxRows } : {}) });
  const open = new Map<Session, OpenImport>();
  const running = new Set<string>();

  function grantOf(session: Session) {
    const grant = grantFor(session.role, 'customers.import');
    if (grant !== 'all' && grant !== 'own') throw new CofferError('FORBIDDEN', 'Your role does not allow importing customers.');
    return grant;
  }

  /** The session's open import; a locked session's file is dropped. */
  function entryOf(session: Session, importId: string): OpenImport {
    grantOf(session);
    const entry = open.get(session);
    if (!entry || entry.id !== importId) throw new CofferError('NOT_FOUND', 'That import is no longer open. Choose the file again.');
    return entry;
  }

  async function parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedTable> {
    const table = await deps.parser.parse(bytes, options);
    if (table.rows.length > limits.maxRows) throw parseFailure('too_many_rows', limits);
    return table;
  }

  const previewOf = (db: Db, entry: OpenImport): ImportPreview => buildPreview(db, deps.parser, entry);

  function settle(db: Db): void {
    settleInterruptedBatches(db, [...running], now().toISOString());
  }

  function filtered(results: readonly RowResult[], action: RowAction | 'warning' | undefined): RowResult[] {
    if (action === undefined) return [...results];
    return results.filter((r) => (action === 'warning' ? r.warnings.length > 0 : r.action === action));
  }

  return {
    async open(session: Session): Promise<{ status: 'cancelled' } | { status: 'opened'; preview: ImportPreview }> {
      grantOf(session);
      const current = open.get(session);
      if (current?.job?.progress.state === 'running') throw new CofferError('CONFLICT', 'An import is still running. Wait for it or cancel it first.');
      const file = await deps.pickImportFile();
      if (file === null) return { status: 'cancelled' };
      let bytes: Buffer;
      try {
        if (fs.statSync(file).size > limits.maxBytes) throw parseFailure('too_large', limits);
        bytes = fs.readFileSync(file);
      } catch (error) {
        if (error instanceof CofferError) throw error;
        throw mapFsError(error);
      }
      const table = await parse(bytes, {});
      const entry: OpenImport = { id: randomUUID(), fileName: path.basename(file), bytes, sha256: createHash('sha256').update(bytes).digest('hex'), options: {}, table, plan: null, planning: false, job: null };
      open.set(session, entry);
      const db = deps.db();
      settle(db);
      return { status: 'opened', preview: previewOf(db, entry) };
    },

    async preview(session: Session, input: { importId: string } & ParseOptions): Promise<ImportPreview> {
      const entry = entryOf(session, input.importId);
      if (entry.planning || entry.job) throw new CofferError('CONFLICT', 'This file is being checked or imported. Open it again to read it another way.');
      const options: ParseOptions = { sheet: input.sheet, encoding: input.encoding, headerRow: input.headerRow, fillMerged: input.fillMerged };
      entry.table = await parse(entry.bytes, options);
      entry.options = options;
      entry.plan = null;
      return previewOf(deps.db(), entry);
    },

    async dryRun(session: Session, input: { importId: string; mapping: { letter: string; target: ImportTarget }[]; choice: DuplicateChoice; overrides?: { row: number; choice: DuplicateChoice }[] | undefined; rememberMapping: boolean; newConsent?: NewConsent | undefined }) {
      if (input.newConsent && session.role !== 'owner') throw new CofferError('FORBIDDEN', 'Only the owner can record a new consent for people erased at their request.');
      const entry = entryOf(session, input.importId);
      if (entry.job) throw new CofferError('CONFLICT', 'This file was imported already. Open it again to import it once more.');
      if (entry.planning) throw new CofferError('CONFLICT', 'The file is being checked already. Wait for that check to finish.');
      checkMapping(entry.table, input.mapping);
      const grant = grantOf(session);
      const db = deps.db();
      // A basis the regime lacks, or a missing notice: said at the check, not only at the commit.
      if (input.newConsent) checkNewConsent(db, input.newConsent);
      entry.plan = null;
      entry.planning = true;
      let plan: Plan;
      try {
        const policy = { grant, fullField: (field: string) => fullField(session, field), fieldOn: (field: string) => isFieldOn(db, field), unguard: deps.parser.unguard };
        plan = await planImport(db, session, entry.table, input, policy, () => new Promise((resolve) => setImmediate(resolve)));
      } finally {
        entry.planning = false;
      }
      const at = now();
      db.transaction(() => {
        if (input.rememberMapping) rememberMapping(db, deps.parser.headerSignature(entry.table.headers), input.mapping, session.userId, at.toISOString());
        const actor = auditActor(session);
        deps.audit(db, { actor, action: 'customer.import', entity: 'import', recordId: entry.id, outcome: 'ok', reason: `dry-run rows=${entry.table.rows.length}`, customerIds: plan.matched }, at);
        if (plan.hidden.length > 0) {
          deps.audit(db, { actor, action: 'customer.probe', entity: 'customer', outcome: 'denied', fields: ['import'], reason: 'import row matches a customer outside scope', customerIds: plan.hidden }, at);
        }
      })();
      entry.plan = { ...plan, input };
      const shown = plan.results.filter((r) => r.action !== 'new' || r.warnings.length > 0).slice(0, FIRST_ROWS);
      return { counts: plan.counts, rows: shown, total: plan.results.length };
    },

    rows(session: Session, input: { importId: string; action?: RowAction | 'warning' | undefined; offset: number; limit: number }) {
      const entry = entryOf(session, input.importId);
      if (!entry.plan) throw new CofferError('CONFLICT', 'Check the file first (dry run), then look at its rows.');
      const rows = filtered(entry.plan.results, input.action);
      return { rows: rows.slice(input.offset, input.offset + input.limit), total: rows.length };
    },

    commit(session: Session, input: { importId: string; confirmRepeat: boolean; consent?: ImportConsent | undefined }): { batchId: string } {
      const entry = entryOf(session, input.importId);
      const grant = grantOf(session);
      if (!entry.plan || entry.planning) throw new CofferError('CONFLICT', 'Check the file first (dry run), then import it.');
      if (entry.job) throw new CofferError('CONFLICT', 'This file was imported already. Open it again to import it once more.');
      const db = deps.db();
      if (lastImportOf(db, entry.sha256) && !input.confirmRepeat) throw new CofferError('CONFLICT', 'This file was imported before. Confirm to import it again.');
      const plan = entry.plan;
      // Checked before the batch starts: a bad basis or notice is a typed error and nothing is written.
      const batchConsent = input.consent ? importConsentWriter(db, session, input.consent, deps.audit) : undefined;
      const batchId = randomUUID();
      // The owner's new consent lets erased people back in: the ledger entries are superseded
      // before their rows are written (a bad consent is refused here, nothing written), and the
      // consent itself is recorded on each customer in the batch transaction that creates it.
      const newConsent = plan.erasedOverride.length > 0 ? plan.input.newConsent : undefined;
      if (newConsent) db.transaction(() => supersede(db, session, plan.erasedOverride, newConsent, deps.audit, now()))();
      const afterRows = (written: readonly WrittenRow[], at: Date): void => {
        batchConsent?.(written, at);
        if (newConsent) recordNewConsent(db, session, written.filter((w) => w.erased && w.action === 'new').map((w) => w.customerId), newConsent, deps.audit, at);
      };
      insertBatch(db, {
        id: batchId,
        userId: session.userId,
        fileName: entry.fileName,
        fileSha256: entry.sha256,
        format: entry.table.format,
        encoding: entry.table.encoding,
        mapping: plan.input.mapping,
        choice: plan.input.choice,
        counts: plan.counts,
        startedAt: now().toISOString(),
      });
      const job: CommitJob = { batchId, cancelRequested: false, progress: { ...IDLE, state: 'running', total: plan.writes.length, counts: { ...plan.counts, new: 0, update: 0, merge: 0 }, batchId } };
      entry.job = job;
      running.add(batchId);
      void runCommit(job, plan.writes, entry.sha256, {
        db,
        session,
        audit: deps.audit,
        now,
        grant,
        fullField: (field) => fullField(session, field),
        afterRows,
        ...(deps.batchSize ? { batchSize: deps.batchSize } : {}),
        ...(deps.afterBatch ? { afterBatch: deps.afterBatch } : {}),
      })
        .catch((error: unknown) => {
          const code = error instanceof CofferError ? error.code : 'INTERNAL';
          job.progress = { ...job.progress, state: 'failed', error: { code, message: 'The import stopped. What was saved before stays and can be undone.' } };
        })
        .finally(() => running.delete(batchId));
      return { batchId };
    },

    progress(session: Session, importId: string): ImportProgress {
      return entryOf(session, importId).job?.progress ?? IDLE;
    },

    cancel(session: Session, importId: string): { cancelled: boolean } {
      const job = entryOf(session, importId).job;
      if (!job || job.progress.state !== 'running') return { cancelled: false };
      job.cancelRequested = true;
      return { cancelled: true };
    },

    async saveErrors(session: Session, importId: string): Promise<{ status: 'cancelled' } | { status: 'saved'; rows: number }> {
      const entry = entryOf(session, importId);
      if (!entry.plan) throw new CofferError('CONFLICT', 'Check the file first (dry run); then the rows with problems can be saved.');
      return saveErrorRows(session, entry.id, entry.table, entry.plan.results, { ...deps, now });
    },

    close(session: Session, importId: string): { closed: true } {
      const entry = open.get(session);
      // A running commit finishes on its own; only the file and the plan are let go.
      if (entry && entry.id === importId) open.delete(session);
      return { closed: true };
    },

    history(session: Session): ImportBatch[] {
      const grant = grantOf(session);
      const db = deps.db();
      settle(db);
      const at = now().getTime();
      return listBatches(db, grant === 'all' ? undefined : session.userId, 200)
        .filter((b) => b.state !== 'running')
        .map((b) => ({
          batchId: b.id,
          at: b.startedAt,
          by: b.username,
          fileName: b.fileName,
          counts: b.counts,
          state: b.state as ImportBatch['state'],
          undoUntil: b.state === 'undone' || Date.parse(b.startedAt) + UNDO_DAYS * DAY_MS < at ? null : new Date(Date.parse(b.startedAt) + UNDO_DAYS * DAY_MS).toISOString(),
        }));
    },

    undo(session: Session, input: { batchId: string; force: boolean }): UndoResult {
      grantOf(session);
      if (running.has(input.batchId)) throw new CofferError('CONFLICT', 'This import is still running. Cancel it first, then undo it.');
      const db = deps.db();
      settle(db);
      return undoBatch(db, session, input.batchId, input.force, { audit: deps.audit, now });
    },

    /** Sign-out or lock: the session's file and plan are let go (a running commit still finishes). */
    drop(session: Session): void {
      open.delete(session);
    },
  };
}

/** Owners may reveal every field; sales and managers may only change fields they see in full. */
function fullField(session: Session, field: string): boolean {
  return session.role === 'owner' || !(SENSITIVE_CUSTOMER_FIELDS as readonly string[]).includes(field) || canQueryField(session.role, field);
}

function checkMapping(table: ParsedTable, mapping: readonly { letter: string; target: ImportTarget }[]): void {
  const letters = new Set(columnLetters(table));
  const seen = new Set<string>();
  for (const m of mapping) {
    if (!letters.has(m.letter)) throw new CofferError('INVALID_INPUT', `Column ${m.letter} is not in the file.`);
    if (m.target === 'ignore' || m.target === 'notes') continue;
    if (seen.has(m.target)) throw new CofferError('INVALID_INPUT', `Two columns are mapped to ${m.target}. Map one of them to another field or to Ignore.`);
    seen.add(m.target);
  }
  if (!seen.has('name')) throw new CofferError('INVALID_INPUT', 'Map a column to the name: every customer needs one.');
}

export type ImportService = ReturnType<typeof createImportService>;
