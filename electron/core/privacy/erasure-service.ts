import { maskedEmail, maskedPhone, RECYCLE_BIN_DAYS, type BinItem, type EraseMode, type EraseResult, type LookupCustomer, type Mention, type PrivacyLogEntry } from '../../../shared/erasure';
import { CofferError } from '../../../shared/errors';
import { fieldVisibility } from '../../../shared/field-policy';
import { grantFor } from '../../../shared/permissions';
import type { ApprovalTicket } from '../approvals/approval-gate';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { listDeletedCustomers } from '../customers/customer-repository';
import { eraseThenCheck } from './erasure';
import type { CheckJob } from './erasure-check-jobs';
import type { ErasureChecks } from './erasure-checks';
import { binDueBefore, findMentions, listLog, setLegalHold } from './erasure-repository';
import { contextOf, termOfQuery, termsOf, type Term } from './erasure-terms';
import { lookupCustomers } from './erasure-lookup';
import { checkRequestStep, recordRequestStep } from './request-steps';

const MENTIONS_MAX = 200;
const DAY_MS = 86_400_000;
const BIN_MAX = 1_000_000;

/** Lets other work (IPC calls, timers) run between two purges: each is its own short transaction. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ErasureDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  /** The after-checks on a worker thread (erasure-checks.ts). */
  checks: Pick<ErasureChecks, 'runErasureChecks' | 'progress'>;
  now?: () => number;
}

const ownerOnly = (session: Session) => {
  if (grantFor(session.role, 'customers.purge') !== 'all') throw new CofferError('FORBIDDEN', 'Only an owner may do this.');
};

/**
 * The erasure workbench (issue 16) for signed-in people: the lookup before acting, the gated
 * erasure itself (eraseCustomer in erasure.ts does the work; the ledger's re-apply calls that
 * directly), the legal hold, the privacy log, and the recycle bin's purge (manual and automatic,
 * both through eraseCustomer so each purge leaves the same privacy-log record).
 */
export function createErasureService(deps: ErasureDeps) {
  const now = () => new Date((deps.now ?? Date.now)());

  /** A hit shown in context: in full where the role sees that kind of value in full, masked otherwise. */
  const shower = (role: string) => (term: Term, found: string) => {
    if (term.kind === 'phone') return fieldVisibility(role, 'mobile') === 'full' ? found : (maskedPhone(found) ?? '****');
    if (term.kind === 'email') return fieldVisibility(role, 'email') === 'full' ? found : (maskedEmail(found) ?? '****');
    if (term.kind === 'wechat') return fieldVisibility(role, 'wechat') === 'full' ? found : '****';
    return found;
  };

  function purge(db: Db, ids: readonly number[], actor: Session, at: Date): CheckJob[] {
    const jobs: CheckJob[] = [];
    for (const id of ids) {
      const erased = eraseThenCheck(db, id, 'delete', { actor: auditActor(actor), trigger: 'purge', at });
      if (erased) jobs.push(erased.job);
    }
    return jobs;
  }

  return {
    lookup(session: Session, query: string): { customers: LookupCustomer[]; mentions: Mention[]; truncated: boolean } {
      const db = deps.db();
      const at = now();
      return db.transaction(() => {
        const typed = termOfQuery(query);
        const found = lookupCustomers(db, typed, session.role);
        const terms = [typed, ...found.rows.flatMap((r) => termsOf(r))].filter((t, i, all) => all.findIndex((o) => o.kind === t.kind && o.value === t.value) === i);
        const texts = findMentions(db, terms, MENTIONS_MAX + 1);
        const show = shower(session.role);
        const mentions = texts.slice(0, MENTIONS_MAX).map((t) => ({ place: t.column.place, rowId: t.rowId, customerId: t.customerId, context: contextOf(t.text, terms, show) }));
        // A read of customer data: the ids found, never the typed name, phone or e-mail.
        deps.audit(db, { actor: auditActor(session), action: 'privacy.lookup', entity: 'customer', outcome: 'ok', fields: ['lookup'], customerIds: found.customers.map((c) => c.id) }, at);
        return { customers: found.customers, mentions, truncated: texts.length > MENTIONS_MAX };
      })();
    },

    /** Before the approval gate: an erasure for a request that cannot take it asks nobody to approve it. */
    checkRequest(session: Session, input: { customerId: number; requestId?: number | undefined }): void {
      if (input.requestId !== undefined) checkRequestStep(deps.db(), session, input.requestId, input.customerId, 'erased');
    },

    /**
     * The gated erasure: the handler passes the approval ticket; it is used inside the same
     * transaction. The answer waits for the after-check, which runs on the worker thread once the
     * erasure has committed: main stays free meanwhile (the page shows checkProgress).
     */
    async erase(session: Session, input: { customerId: number; mode: EraseMode; requestId?: number | undefined }, ticket: ApprovalTicket): Promise<EraseResult> {
      if (grantFor(session.role, 'customers.erase') === 'none') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      const db = deps.db();
      const at = now();
      const erased = db.transaction(() => {
        // For a request: an open, verified deletion request about this customer (checked before anything is erased).
        if (input.requestId !== undefined) checkRequestStep(db, session, input.requestId, input.customerId, 'erased');
        ticket.markExecuted(db);
        const done = eraseThenCheck(db, input.customerId, input.mode, { actor: auditActor(session), approvalId: ticket.approvalId, requestId: input.requestId ?? null, trigger: 'manual', at });
        if (!done) throw new CofferError('NOT_FOUND', 'That customer does not exist or was already erased.');
        if (input.requestId !== undefined) recordRequestStep(db, session, { requestId: input.requestId, customerId: input.customerId, kind: 'erased', note: `${input.mode} log ${done.result.logId}` }, at);
        return done;
      })();
      const checks = await deps.checks.runErasureChecks([erased.job]);
      return { ...erased.result, check: checks.get(erased.result.logId) ?? erased.result.check };
    },

    /** The after-checks running now (tables searched), for the page's "checking every table…" line. */
    checkProgress: () => deps.checks.progress(),

    setHold(session: Session, customerId: number, hold: boolean): { hold: boolean } {
      ownerOnly(session);
      const db = deps.db();
      const at = now();
      db.transaction(() => {
        if (!setLegalHold(db, customerId, hold)) throw new CofferError('NOT_FOUND', 'That customer does not exist.');
        deps.audit(db, { actor: auditActor(session), action: 'privacy.hold', entity: 'customer', recordId: String(customerId), outcome: 'ok', reason: hold ? 'hold' : 'release' }, at);
      })();
      return { hold };
    },

    log(session: Session, limit: number, beforeId?: number): { entries: PrivacyLogEntry[] } {
      const db = deps.db();
      return db.transaction(() => {
        const entries = listLog(db, limit, beforeId);
        deps.audit(db, { actor: auditActor(session), action: 'privacy.log', entity: 'privacyLog', outcome: 'ok' }, now());
        return { entries };
      })();
    },

    binList(session: Session): { items: BinItem[]; days: number } {
      ownerOnly(session);
      const db = deps.db();
      return db.transaction(() => {
        const items = listDeletedCustomers(db, undefined, BIN_MAX, 'oldest').map((r) => ({
          id: r.id,
          name: r.name,
          deletedAt: r.deletedAt,
          legalHold: r.legalHold === 1,
          purgeAfter: r.legalHold === 1 ? null : new Date(Date.parse(r.deletedAt) + RECYCLE_BIN_DAYS * DAY_MS).toISOString(),
        }));
        deps.audit(db, { actor: auditActor(session), action: 'customer.list', entity: 'customer', outcome: 'ok', fields: ['deleted'], customerIds: items.map((i) => i.id) }, now());
        return { items, days: RECYCLE_BIN_DAYS };
      })();
    },

    /**
     * "Empty the recycle bin": every item not held, deleted for real in one transaction; the count
     * must be what the owner saw. Then their checks, one worker thread for the batch.
     */
    async emptyBin(session: Session, expectCount: number): Promise<{ purged: number; held: number; logIds: number[] }> {
      ownerOnly(session);
      const db = deps.db();
      const at = now();
      const done = db.transaction(() => {
        const bin = listDeletedCustomers(db, undefined, BIN_MAX, 'oldest');
        const due = bin.filter((r) => r.legalHold === 0).map((r) => r.id);
        if (due.length !== expectCount) throw new CofferError('CONFLICT', 'The recycle bin changed since you opened it. Look at it again, then empty it.');
        const jobs = purge(db, due, session, at);
        deps.audit(db, { actor: auditActor(session), action: 'privacy.purge', entity: 'customer', outcome: 'ok', reason: `manual ${jobs.length}`, customerIds: due }, at);
        return { jobs, held: bin.length - due.length };
      })();
      await deps.checks.runErasureChecks(done.jobs);
      return { purged: done.jobs.length, held: done.held, logIds: done.jobs.map((j) => j.logId) };
    },

    /**
     * The automatic purge (at unlock and on main's timer): every item in the bin longer than 30
     * days and not held is deleted for real, no cap. Each is its own short transaction with the
     * event loop let go in between, so IPC calls interleave; the whole-vault checks then run as
     * one batch on the worker thread. A vault locked midway stops the run (the rest waits for the
     * next). No session: the actor is the system. Resolves with how many were purged.
     */
    async autoPurge(): Promise<number> {
      const at = now();
      const due = binDueBefore(deps.db(), new Date(at.getTime() - RECYCLE_BIN_DAYS * DAY_MS).toISOString());
      if (due.length === 0) return 0;
      const jobs: CheckJob[] = [];
      const purged: number[] = [];
      for (const id of due) {
        let db: Db;
        try {
          db = deps.db();
        } catch {
          break;
        }
        // Held since the list was read (the owner's hold wins): binDueBefore again, for this one.
        const erased = db.transaction(() => (binDueBefore(db, new Date(at.getTime() - RECYCLE_BIN_DAYS * DAY_MS).toISOString(), id).length ? eraseThenCheck(db, id, 'delete', { actor: null, trigger: 'auto-purge', at }) : null))();
        if (erased) {
          jobs.push(erased.job);
          purged.push(id);
        }
        await yieldToLoop();
      }
      if (purged.length > 0) {
        try {
          deps.audit(deps.db(), { actor: null, action: 'privacy.purge', entity: 'customer', outcome: 'ok', reason: `auto ${purged.length}`, customerIds: purged }, at);
        } catch {
          // Locked after the last purge: each purge has its own privacy.erase row already.
        }
      }
      await deps.checks.runErasureChecks(jobs);
      return purged.length;
    },
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
