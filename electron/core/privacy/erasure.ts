import { CHECK_RUNNING, maskedEmail, maskedPhone, maskName, pseudonymOf, type EraseCheck, type EraseMode, type EraseResult, type EraseTrigger } from '../../../shared/erasure';
import { appendAudit } from '../audit/audit-log';
import { keyCustomer } from '../customers/duplicate-keys';
import { findCustomer } from '../customers/customer-repository';
import { indexCustomer } from '../customers/search-index';
import type { Db } from '../db/open-database';
import { checkErased } from './erasure-check';
import type { CheckJob } from './erasure-check-jobs';
import { BEFORE_ERASE } from './erasure-hooks';
import {
  anonymiseRow,
  deleteCustomerRow,
  deleteRelated,
  deleteTagsMatching,
  dropProvenance,
  findMentions,
  findSubject,
  insertLog,
  mergedInto,
  redactMentions,
  type SubjectRow,
} from './erasure-repository';
import { redact, termsOf, type Term } from './erasure-terms';

/** Who asked and under what; every field optional so a restore can re-apply with no session. */
export interface EraseContext {
  actor?: { userId: number; username: string; role: string } | null;
  approvalId?: number | null;
  requestId?: number | null;
  trigger?: EraseTrigger;
  at?: Date;
}

function add(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [table, n] of Object.entries(counts)) if (n > 0) into[table] = (into[table] ?? 0) + n;
}

/** Keeps the search, pinyin and duplicate keys in step with the row as it now is (none for a row no longer live). */
function reindex(db: Db, id: number): void {
  const row = findCustomer(db, id);
  indexCustomer(db, row, id);
  keyCustomer(db, row, id);
}

function eraseOne(db: Db, row: SubjectRow, mode: EraseMode, terms: readonly Term[], at: string, touched: Record<string, number>): void {
  const tags = deleteTagsMatching(db, row.id, terms);
  const provenance = dropProvenance(db, row.id);
  add(touched, { customer_tags: tags, import_effects: provenance.imports, customer_merges: provenance.merges });
  const notes = row.notes === null ? null : redact(row.notes, terms);
  if (mode === 'anonymise') {
    anonymiseRow(db, row.id, pseudonymOf(row.id), notes, at, false);
    reindex(db, row.id);
    add(touched, { customers: 1 });
    return;
  }
  const held = row.legalHold === 1;
  add(touched, deleteRelated(db, row.id, held));
  // Off the search, pinyin and duplicate keys before the row goes (customer_keys refers to it).
  indexCustomer(db, undefined, row.id);
  keyCustomer(db, undefined, row.id);
  if (held) {
    // The purchases' amounts and dates stay for the accounts, under a row that is no longer a person.
    anonymiseRow(db, row.id, pseudonymOf(row.id), null, at, true);
    add(touched, { customers: 1 });
  } else add(touched, { customers: deleteCustomerRow(db, row.id) });
}

/**
 * Erases one person (issue 16), in ONE transaction (a savepoint inside the caller's): the
 * BEFORE_ERASE hooks (the restore-proof ledger) run first, then every free-text mention of the
 * person's name, phone, e-mail or WeChat anywhere is redacted, then the record is anonymised
 * (pseudonym, contacts and addresses gone, purchases kept) or deleted (with the personal data of
 * related rows; purchases' amounts and dates kept only under the owner's legal hold). Customers
 * merged into this one are the same person and go the same way. Then the check proves that the
 * values no longer occur anywhere, and its result is kept in the privacy log with the masked
 * identity and the row counts. A failed check is recorded, not hidden.
 *
 * This form checks in place, inside the transaction: for the ledger's re-apply after a restore
 * (before anyone can sign in, inside the restore's own transaction, where a worker could not see
 * the uncommitted rows). The app's erasures use eraseThenCheck (the check on a worker thread).
 *
 * Needs no session (context.trigger 'reapply', actor null). Returns null when there is nothing to
 * erase (no such customer, or already erased): re-applying is idempotent. One audit row, no values.
 */
export function eraseCustomer(db: Db, customerId: number, mode: EraseMode, context: EraseContext = {}): EraseResult | null {
  return eraseWith(db, customerId, mode, context, (job) => checkErased(db, job.subjectIds, job.terms, job.person))?.result ?? null;
}

/**
 * The same erasure with the after-check left to run once this transaction has committed: the
 * privacy log says 'running' until erasure-checks.ts stores the answer. The job holds the values
 * to look for; the caller hands it to runErasureChecks and drops it.
 */
export function eraseThenCheck(db: Db, customerId: number, mode: EraseMode, context: EraseContext = {}): { result: EraseResult; job: CheckJob } | null {
  return eraseWith(db, customerId, mode, context, () => CHECK_RUNNING);
}

function eraseWith(db: Db, customerId: number, mode: EraseMode, context: EraseContext, checkNow: (job: Omit<CheckJob, 'logId'>) => EraseCheck): { result: EraseResult; job: CheckJob } | null {
  const at = context.at ?? new Date();
  const when = at.toISOString();
  return db.transaction((): { result: EraseResult; job: CheckJob } | null => {
    const subject = findSubject(db, customerId);
    if (!subject) return null;
    const rows = [subject, ...mergedInto(db, customerId).map((id) => findSubject(db, id)).filter((r): r is SubjectRow => r !== undefined)];
    for (const row of rows) {
      for (const hook of BEFORE_ERASE) hook(db, { customerId: row.id, name: row.name, mobile: row.mobile, email: row.email, mode }, at);
    }
    const terms = rows.flatMap((row) => termsOf(row)).filter((t, i, all) => all.findIndex((o) => o.kind === t.kind && o.value === t.value) === i);
    const touched: Record<string, number> = {};
    // Mentions first, while the rows that hold them still exist; another customer whose notes
    // mentioned the person is re-indexed (its search row still held the old text).
    const ids = rows.map((r) => r.id);
    // The person's own notes are rewritten with the row itself (eraseOne), so counted once.
    const mentions = findMentions(db, terms).filter((m) => !(m.column.table === 'customers' && ids.includes(m.rowId)));
    for (const id of redactMentions(db, mentions, terms, touched)) reindex(db, id);
    for (const row of rows) eraseOne(db, row, mode, terms, when, touched);
    const person = { name: subject.name, mobile: subject.mobile, phone: subject.phone, email: subject.email, company: subject.company };
    const check = checkNow({ customerId, subjectIds: ids, terms, person });
    const pseudonym = mode === 'anonymise' || subject.legalHold === 1 ? pseudonymOf(customerId) : null;
    const logId = insertLog(db, {
      requestId: context.requestId ?? null,
      customerId,
      mode,
      trigger: context.trigger ?? 'manual',
      maskedName: maskName(subject.name),
      maskedPhone: maskedPhone(subject.mobile ?? subject.phone),
      maskedEmail: maskedEmail(subject.email),
      pseudonym,
      touched,
      actorId: context.actor?.userId ?? null,
      at: when,
      approvalId: context.approvalId ?? null,
      check,
    });
    const verdict = check.status === 'running' ? 'running' : check.passed ? 'passed' : 'failed';
    appendAudit(
      db,
      {
        actor: context.actor ?? null,
        action: 'privacy.erase',
        entity: 'customer',
        recordId: String(customerId),
        outcome: 'ok',
        fields: Object.keys(touched),
        reason: `${mode} ${context.trigger ?? 'manual'} log ${logId} check ${verdict}`,
        customerIds: ids,
      },
      at,
    );
    return { result: { logId, mode, pseudonym, touched, check }, job: { logId, customerId, subjectIds: ids, terms, person } };
  })();
}
