import { maskedEmail, maskedPhone, RECYCLE_BIN_DAYS, type BinItem, type EraseMode, type EraseResult, type LookupCustomer, type Mention, type PrivacyLogEntry } from '../../../shared/erasure';
import { CofferError } from '../../../shared/errors';
import { fieldVisibility } from '../../../shared/field-policy';
import { grantFor } from '../../../shared/permissions';
import type { ApprovalTicket } from '../approvals/approval-gate';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { eraseCustomer } from './erasure';
import { binDueBefore, findMentions, listBin, listLog, setLegalHold } from './erasure-repository';
import { contextOf, termOfQuery, termsOf, type Term } from './erasure-terms';
import { lookupCustomers } from './erasure-lookup';
import { checkRequestStep, recordRequestStep } from './request-steps';

const MENTIONS_MAX = 200;
const DAY_MS = 86_400_000;
/** Automatic purges per run (at open, then hourly): bounded so the main process is never held for long. */
const AUTO_PURGE_MAX = 10;

export interface ErasureDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
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

  function purge(db: Db, ids: readonly number[], actor: Session | null, trigger: 'purge' | 'auto-purge', at: Date): number[] {
    const logIds: number[] = [];
    for (const id of ids) {
      const result = eraseCustomer(db, id, 'delete', { actor: actor ? auditActor(actor) : null, trigger, at });
      if (result) logIds.push(result.logId);
    }
    return logIds;
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

    /** The gated erasure: the handler passes the approval ticket; it is used inside the same transaction. */
    erase(session: Session, input: { customerId: number; mode: EraseMode; requestId?: number | undefined }, ticket: ApprovalTicket): EraseResult {
      if (grantFor(session.role, 'customers.erase') === 'none') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      const db = deps.db();
      const at = now();
      return db.transaction(() => {
        // For a request: an open, verified deletion request about this customer (checked before anything is erased).
        if (input.requestId !== undefined) checkRequestStep(db, session, input.requestId, input.customerId, 'erased');
        ticket.markExecuted(db);
        const result = eraseCustomer(db, input.customerId, input.mode, { actor: auditActor(session), approvalId: ticket.approvalId, requestId: input.requestId ?? null, trigger: 'manual', at });
        if (!result) throw new CofferError('NOT_FOUND', 'That customer does not exist or was already erased.');
        if (input.requestId !== undefined) recordRequestStep(db, session, { requestId: input.requestId, customerId: input.customerId, kind: 'erased', note: `${input.mode} log ${result.logId}` }, at);
        return result;
      })();
    },

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
        const items = listBin(db).map((r) => ({
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

    /** "Empty the recycle bin": every item not held, deleted for real; the count must be what the owner saw. */
    emptyBin(session: Session, expectCount: number): { purged: number; held: number; logIds: number[] } {
      ownerOnly(session);
      const db = deps.db();
      const at = now();
      return db.transaction(() => {
        const bin = listBin(db);
        const due = bin.filter((r) => r.legalHold === 0).map((r) => r.id);
        if (due.length !== expectCount) throw new CofferError('CONFLICT', 'The recycle bin changed since you opened it. Look at it again, then empty it.');
        const logIds = purge(db, due, session, 'purge', at);
        deps.audit(db, { actor: auditActor(session), action: 'privacy.purge', entity: 'customer', outcome: 'ok', reason: `manual ${logIds.length}`, customerIds: due }, at);
        return { purged: logIds.length, held: bin.length - due.length, logIds };
      })();
    },

    /**
     * The automatic purge (at unlock and on main's timer): items in the bin longer than 30 days
     * and not held are deleted for real, one transaction each so a big backlog never holds the
     * vault for long, and at most `max` per run (oldest first; the hourly timer takes the rest),
     * because each runs the whole-vault after-check. No session: the actor is the system.
     */
    autoPurge(max = AUTO_PURGE_MAX): number {
      const db = deps.db();
      const at = now();
      const due = binDueBefore(db, new Date(at.getTime() - RECYCLE_BIN_DAYS * DAY_MS).toISOString()).slice(0, max);
      if (due.length === 0) return 0;
      const logIds = purge(db, due, null, 'auto-purge', at);
      deps.audit(db, { actor: null, action: 'privacy.purge', entity: 'customer', outcome: 'ok', reason: `auto ${logIds.length}`, customerIds: due }, at);
      return logIds.length;
    },
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
