import type { DuplicateChoice, ImportCounts, ImportTarget, RowAction, RowReason, RowResult } from '../../../shared/import';
import { grantReaches, type Grant } from '../../../shared/permissions';
import { seesDormant } from '../customers/customer-service';
import type { Session } from '../auth/session-service';
import { findCustomer, tagsOf, type CustomerColumnField } from '../customers/customer-repository';
import { scorePossible } from '../customers/duplicate-check';
import { emailKey, phoneKey } from '../customers/duplicate-keys';
import type { Db } from '../db/open-database';
import type { NewConsent } from '../../../shared/ledger';
import { erasedEntriesFor } from '../privacy/ledger-gate';
import type { ParsedTable } from './parsed-table';
import { changesFor } from './row-changes';
import { levelMatcher, mapColumns, rowValues, type RowValues } from './row-values';
import { levelName, levelRows } from '../settings/levels';
import { LOCALES } from '../../../shared/locale';

/** What the commit does with one row; a row target is a customer an earlier row of the file creates. */
export interface PlannedRow {
  row: number;
  action: 'new' | 'update' | 'merge';
  choice: DuplicateChoice;
  target: { customerId: number } | { row: number } | null;
  values: RowValues;
  /** A person erased at their request, let back in by the owner's new consent (recorded on the customer it creates). */
  erased?: true;
}

export interface Plan {
  results: RowResult[];
  writes: PlannedRow[];
  counts: ImportCounts;
  /** Customers the dry run read (in scope): audited as read. */
  matched: number[];
  /** Customers outside the caller's scope that rows matched: audited as a probe, never described. */
  hidden: number[];
  /** Decision-ledger entries the owner's new consent lets back in (superseded at commit). */
  erasedOverride: string[];
}

export interface PlanInput {
  mapping: readonly { letter: string; target: ImportTarget }[];
  choice: DuplicateChoice;
  overrides?: readonly { row: number; choice: DuplicateChoice }[] | undefined;
  /** The owner's new consent for the rows erased at their request (issue 16). */
  newConsent?: NewConsent | undefined;
}

export interface PlanPolicy {
  /** Row scope of 'customers.import' for this role. */
  grant: Grant;
  /** Whether the role sees a field in full (it may only change such fields on existing customers). */
  fullField: (field: CustomerColumnField) => boolean;
  /** Whether the vault keeps this field (Settings > Customer fields): a mapped off field is an error on every row. */
  fieldOn: (field: string) => boolean;
  unguard: (text: string) => string;
}

const ACTION_OF: Record<DuplicateChoice, RowAction> = { skip: 'skip', updateEmpty: 'update', overwrite: 'update', new: 'new', merge: 'merge' };

interface VaultMatch {
  id: number;
  ownerId: number;
  name: string;
  dormantAt: string | null;
}

/** Live customers with the same phone or e-mail key, lowest id first. */
function vaultMatches(db: Db, phones: readonly string[], email: string | null): VaultMatch[] {
  const q = db.prepare(
    `SELECT c.id, c.owner_id AS ownerId, c.name, c.dormant_at AS dormantAt FROM customer_keys k JOIN customers c ON c.id = k.customer_id
      WHERE k.kind = ? AND k.value = ? AND c.deleted_at IS NULL ORDER BY c.id LIMIT 20`,
  );
  const found = new Map<number, VaultMatch>();
  for (const m of [...phones.flatMap((p) => q.all('phone', p)), ...(email ? q.all('email', email) : [])] as VaultMatch[]) found.set(m.id, m);
  return [...found.values()].sort((a, b) => a.id - b.id);
}

/**
 * The dry run: every row validated, matched against the vault and the earlier rows of the file,
 * and given its action by the choice (a per-row override wins). Reads only, pausing every
 * thousand rows so the app keeps answering; the commit checks each match again, so a customer
 * changed during the pauses is not written from a stale look. The caller audits what it read.
 */
/** Rows planned between two pauses: the dry run of 100,000 rows must not hold the main process for its whole length. */
const PLAN_SLICE = 1000;

export async function planImport(db: Db, session: Session, table: ParsedTable, input: PlanInput, policy: PlanPolicy, pause: () => Promise<void> = async () => undefined): Promise<Plan> {
  const columns = mapColumns(table, input.mapping);
  const context = {
    columns,
    precisionLost: new Set(table.precisionLost),
    formulaCells: new Set(table.formulaCells.map((c) => `${c.row}:${c.column}`)),
    unguard: policy.unguard,
    levelOf: levelMatcher(levelRows(db).map((row) => ({ value: row.value, names: LOCALES.map((locale) => levelName(row, locale)) }))),
  };
  const overrides = new Map((input.overrides ?? []).map((o) => [o.row, o.choice]));
  // Key -> the first row that carries it, and where that row's customer ends up.
  const inFile = new Map<string, { row: number; target: PlannedRow['target'] | 'self' }>();
  const counts: ImportCounts = { new: 0, update: 0, merge: 0, skip: 0, error: 0, warning: 0 };
  const results: RowResult[] = [];
  const writes: PlannedRow[] = [];
  const matched = new Set<number>();
  const hidden = new Set<number>();
  const erasedOverride: string[] = [];

  for (let index = 0; index < table.rows.length; index += 1) {
    if (index > 0 && index % PLAN_SLICE === 0) await pause();
    const { row, cells } = table.rows[index]!;
    const values = rowValues(row, cells, context);
    const { errors, warnings } = values;
    for (const [field, column] of Object.entries(values.columns)) {
      if (column && !policy.fieldOn(field)) errors.push({ code: 'no_permission', column: column.letter });
    }
    if (!policy.fieldOn('notes')) {
      // Notes switched off: a notes column is refused, and bad cells are not kept in the notes either.
      const notesColumn = columns.find((c) => c.target === 'notes');
      if (notesColumn && values.notes.length > 0) errors.push({ code: 'no_permission', column: notesColumn.letter });
      values.extraNotes.length = 0;
    }
    const choice = overrides.get(row) ?? input.choice;
    const phones = [phoneKey(values.values.mobile), phoneKey(values.values.phone)].filter((p): p is string => p !== null);
    const email = emailKey(values.values.email);
    const keys = [...phones.map((p) => `p:${p}`), ...(email ? [`e:${email}`] : [])];
    let action: RowAction = 'new';
    let target: PlannedRow['target'] = null;
    let match: RowResult['match'] = null;

    if (errors.length === 0) {
      const all = vaultMatches(db, phones, email);
      // A dormant customer is out of scope for sales and support (issue 17): matched like someone else's.
      const reachable = all.filter((m) => grantReaches(policy.grant, m.ownerId, session.userId) && (m.dormantAt === null || seesDormant(session.role)));
      const existing = reachable[0];
      for (const m of all) if (!reachable.includes(m)) hidden.add(m.id);
      const earlier = keys.map((k) => inFile.get(k)).find((e) => e !== undefined);
      if (earlier) warnings.push({ code: 'duplicate_in_file', row: earlier.row });
      if (!existing && all.length > 0) {
        // Only someone else's customer matches: an error that names nobody (the probe is audited).
        errors.push({ code: 'duplicate_out_of_scope' });
      } else if (existing) {
        matched.add(existing.id);
        warnings.push({ code: 'duplicate_in_vault' });
        match = { id: existing.id, name: existing.name };
        action = ACTION_OF[choice];
        target = { customerId: existing.id };
      } else if (earlier) {
        action = ACTION_OF[choice];
        target = earlier.target === 'self' ? { row: earlier.row } : earlier.target;
      } else {
        possibleDuplicates(db, session, values, policy.grant, warnings, matched);
      }
      if ((action === 'update' || action === 'merge') && target && 'customerId' in target) {
        checkFieldPolicy(db, target.customerId, values, choice, policy, errors);
      }
    }
    let cameBack = false;
    if (errors.length === 0 && action === 'new') {
      // A new customer who was erased at their request: refused unless the owner's new consent covers the batch.
      const erased = erasedEntriesFor(db, values.values);
      if (erased.length > 0 && !input.newConsent) errors.push({ code: 'person_erased' });
      else erasedOverride.push(...erased);
      cameBack = erased.length > 0;
    }
    if (errors.length > 0) action = 'error';
    if (action === 'new' || action === 'update' || action === 'merge') {
      writes.push({ row, action, choice, target: action === 'new' ? null : target, values, ...(cameBack ? { erased: true as const } : {}) });
      const lands = action === 'new' ? ('self' as const) : target;
      for (const key of keys) if (!inFile.has(key)) inFile.set(key, { row, target: lands });
    }
    counts[action] += 1;
    if (warnings.length > 0) counts.warning += 1;
    results.push({ row, action, name: values.values.name ?? '', errors: dedupe(errors), warnings: dedupe(warnings), match });
  }
  return { results, writes, counts, matched: [...matched], hidden: [...hidden], erasedOverride: [...new Set(erasedOverride)] };
}

function possibleDuplicates(db: Db, session: Session, values: RowValues, grant: Grant, warnings: RowReason[], matched: Set<number>): void {
  const { name, company, city } = values.values;
  if (!name || (!company && !city)) return;
  const found = scorePossible(db, { name, company, city }, undefined).filter((m) => grantReaches(grant, m.ownerId, session.userId) && (m.dormantAt === null || seesDormant(session.role)));
  if (found.length === 0) return;
  for (const m of found) matched.add(m.id);
  warnings.push({ code: 'possible_duplicate' });
}

/** A sales or manager row may not change, on an existing customer, a field the role does not see in full. */
function checkFieldPolicy(db: Db, customerId: number, values: RowValues, choice: DuplicateChoice, policy: PlanPolicy, errors: RowReason[]): void {
  const existing = findCustomer(db, customerId);
  if (!existing || (choice !== 'updateEmpty' && choice !== 'overwrite' && choice !== 'merge')) return;
  const changes = changesFor(existing, tagsOf(db, [customerId]).get(customerId) ?? [], values, choice);
  for (const field of Object.keys(changes.fields) as CustomerColumnField[]) {
    if (policy.fullField(field)) continue;
    errors.push({ code: 'no_permission', ...(values.columns[field] ? { column: values.columns[field].letter } : {}) });
  }
}

function dedupe(reasons: RowReason[]): RowResult['errors'] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.code}|${r.column ?? ''}|${r.row ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
