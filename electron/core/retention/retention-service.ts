import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import type { Batch, DryRun, RetentionOverview, RetentionSettings, RuleInput, RunReport, TouchKind } from '../../../shared/retention';
import type { ApprovalTicket } from '../approvals/approval-gate';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import { readRetention } from '../backup/backup-settings';
import type { Db } from '../db/open-database';
import { runBatch, type BatchRun } from './retention-batch';
import * as repo from './retention-repository';
import { classify, reachingBy } from './retention-rules';

const DAY_MS = 86_400_000;
/** How far ahead the due-soon list looks. */
export const UPCOMING_DAYS = 30;
const ORDER: Record<TouchKind, number> = { propose: 0, dormant: 1, held: 2 };

export interface RetentionDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
  /** The erasure after-checks on the worker thread; without them (the batch tested alone) each check runs in place. */
  checks?: BatchRun['checks'];
}

const ownerOnly = (session: Session) => {
  if (grantFor(session.role, 'retention.manage') !== 'all') throw new CofferError('FORBIDDEN', 'Only an owner may do this.');
};

/** "Erased data stays in backups for up to N months": the oldest backup the retention keeps. */
export function backupMonths(r: { daily: number; weekly: number; monthly: number }): number {
  return Math.max(r.monthly, Math.ceil((r.weekly * 7) / 30), Math.ceil(r.daily / 30));
}

/**
 * The retention engine (issue 17). The rules are off until the owner turns them on; a run (on
 * the schedule or the owner's "run now") only marks customers dormant and proposes a batch; the
 * batch anonymises (or deletes) only after the owner's confirmation through the approval gate,
 * after the notice wait, a chunk at a time through the erasure's own eraseCustomer.
 */
export function createRetentionService(deps: RetentionDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  const running = new Map<number, Promise<void>>();
  // "Something changed" (a chunk done, a run): main turns it into the 'retention.' refresh hint. No data.
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());

  function classifyNow(db: Db, at: Date) {
    const rules = repo.listRules(db);
    return { rules, result: classify(repo.candidates(db, rules.some((r) => r.scope === 'tag')), rules, at) };
  }

  function upcomingFrom(db: Db, at: Date, until: Date) {
    const rules = repo.listRules(db);
    return reachingBy(repo.candidates(db, rules.some((r) => r.scope === 'tag')), rules, at, until);
  }

  function mustBatch(db: Db, id: number): Batch {
    const batch = repo.findBatch(db, id);
    if (!batch) throw new CofferError('NOT_FOUND', 'There is no such retention batch.');
    return batch;
  }

  /** Marks dormant, releases, proposes; one report row. Inside the caller's transaction. */
  function runIn(db: Db, trigger: 'schedule' | 'manual', actor: Session | null, at: Date): RunReport {
    const { result } = classifyNow(db, at);
    const when = at.toISOString();
    const due = result.touches.filter((t) => t.kind !== 'held');
    const marked = repo.markDormant(db, due.map((t) => t.id), when);
    const released = repo.clearDormant(db, result.release);
    const propose = due.filter((t) => t.kind === 'propose');
    let batchId: number | null = null;
    // One open proposal at a time: the next run proposes again once the owner has dealt with it.
    if (propose.length > 0 && !repo.openBatchExists(db)) {
      batchId = repo.insertBatch(db, actor?.userId ?? null, when, propose.map((t) => ({ customerId: t.id, ruleId: t.ruleId, mode: t.mode, lastContactAt: t.lastContact })));
    }
    const report = { at: when, trigger, marked, released, proposed: propose.length, held: result.touches.length - due.length, batchId };
    const id = repo.insertRun(db, report);
    repo.setLastRun(db, when);
    deps.audit(db, { actor: actor ? auditActor(actor) : null, action: 'retention.run', entity: 'retentionRun', recordId: String(id), outcome: 'ok', reason: `${trigger} marked ${marked} released ${released} proposed ${propose.length}` }, at);
    return { id, ...report };
  }

  return {
    overview(session: Session): RetentionOverview {
      const db = deps.db();
      const settings = repo.readSettings(db);
      const backups = readRetention(db);
      void session;
      return {
        settings: { enabled: settings.enabled, scheduleDays: settings.scheduleDays, noticeDays: settings.noticeDays },
        rules: repo.listRules(db),
        backups: { ...backups, months: backupMonths(backups) },
        lastRunAt: settings.lastRunAt,
        dormant: repo.countDormant(db),
        batches: repo.listBatches(db, 10),
      };
    },

    setSettings(session: Session, settings: RetentionSettings): void {
      ownerOnly(session);
      const db = deps.db();
      db.transaction(() => {
        repo.writeSettings(db, settings);
        deps.audit(db, { actor: auditActor(session), action: 'retention.settings', entity: 'retention', outcome: 'ok', reason: `${settings.enabled ? 'on' : 'off'} every ${settings.scheduleDays}d notice ${settings.noticeDays}d` }, now());
      })();
    },

    saveRule(session: Session, rule: RuleInput): { id: number } {
      ownerOnly(session);
      const db = deps.db();
      return db.transaction(() => {
        const id = repo.saveRule(db, rule);
        deps.audit(db, { actor: auditActor(session), action: 'retention.rule', entity: 'retentionRule', recordId: String(id), outcome: 'ok', reason: `${rule.scope} ${rule.dormantYears}/${rule.proposeYears}y ${rule.action}` }, now());
        return { id };
      })();
    },

    deleteRule(session: Session, id: number): void {
      ownerOnly(session);
      const db = deps.db();
      db.transaction(() => {
        if (!repo.deleteRule(db, id)) throw new CofferError('NOT_FOUND', 'There is no such override (the default rule stays).');
        deps.audit(db, { actor: auditActor(session), action: 'retention.rule', entity: 'retentionRule', recordId: String(id), outcome: 'ok', reason: 'removed' }, now());
      })();
    },

    /** What the rules would do now, changing nothing: counts per rule and the customers with their last contact. */
    dryRun(session: Session, page: { offset: number; limit: number; upcoming?: boolean }): DryRun {
      const db = deps.db();
      const at = now();
      // The due-soon list: who reaches a threshold in the next UPCOMING_DAYS (the same rules, read later).
      const until = page.upcoming ? new Date(at.getTime() + UPCOMING_DAYS * DAY_MS) : null;
      return db.transaction(() => {
        const result = until ? upcomingFrom(db, at, until) : classifyNow(db, at).result;
        const sorted = result.touches.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.lastContact < b.lastContact ? -1 : a.lastContact > b.lastContact ? 1 : a.id - b.id));
        const slice = sorted.slice(page.offset, page.offset + page.limit);
        const names = repo.namesOf(db, slice.map((t) => t.id));
        deps.audit(db, { actor: auditActor(session), action: 'retention.dryRun', entity: 'customer', outcome: 'ok', ...(until ? { fields: ['upcoming'] } : {}), customerIds: slice.map((t) => t.id) }, at);
        return {
          at: at.toISOString(),
          upcomingUntil: until?.toISOString() ?? null,
          counts: result.counts,
          total: sorted.length,
          customers: slice.map((t) => ({ id: t.id, name: names.get(t.id) ?? '', lastContactAt: t.lastContact, ruleId: t.ruleId, kind: t.kind, heldFor: t.heldFor ?? null, dormantSince: t.dormantAt })),
        };
      })();
    },

    /** The owner's "run now": the same as the schedule's run. Refused while the rules are off. */
    runNow(session: Session): RunReport {
      ownerOnly(session);
      const db = deps.db();
      if (!repo.readSettings(db).enabled) throw new CofferError('CONFLICT', 'The retention rules are off. Turn them on first.', { retention: 'off' });
      return db.transaction(() => runIn(db, 'manual', session, now()))();
    },

    /** The schedule (at open and on main's timer): runs when on and due; never anonymises. */
    tick(): RunReport | null {
      const db = deps.db();
      const at = now();
      const s = repo.readSettings(db);
      if (!s.enabled || (s.lastRunAt !== null && Date.parse(s.lastRunAt) + s.scheduleDays * DAY_MS > at.getTime())) return null;
      const report = db.transaction(() => runIn(db, 'schedule', null, at))();
      changed();
      return report;
    },

    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    runs(session: Session, limit: number): { runs: RunReport[] } {
      void session;
      return { runs: repo.listRuns(deps.db(), limit) };
    },

    dormant(session: Session, page: { offset: number; limit: number }): { items: repo.DormantRow[]; total: number } {
      const db = deps.db();
      return db.transaction(() => {
        const items = repo.listDormant(db, page.limit, page.offset);
        deps.audit(db, { actor: auditActor(session), action: 'retention.dormant', entity: 'customer', outcome: 'ok', customerIds: items.map((i) => i.id) }, now());
        return { items, total: repo.countDormant(db) };
      })();
    },

    batch(session: Session, id: number): Batch {
      void session;
      return mustBatch(deps.db(), id);
    },

    /** After the contact list went out (the gated export, filter retentionBatch): the wait starts. */
    startNotice(session: Session, id: number): Batch {
      ownerOnly(session);
      const db = deps.db();
      const at = now();
      return db.transaction(() => {
        const days = repo.readSettings(db).noticeDays;
        if (!repo.moveBatch(db, id, ['proposed'], 'notice', { noticeAt: at.toISOString(), notBefore: new Date(at.getTime() + days * DAY_MS).toISOString() })) {
          throw new CofferError('CONFLICT', 'Only a proposed batch can start its notice.', { batch: mustBatch(db, id).state });
        }
        deps.audit(db, { actor: auditActor(session), action: 'retention.notice', entity: 'retentionBatch', recordId: String(id), outcome: 'ok', reason: `wait ${days}d` }, at);
        return mustBatch(db, id);
      })();
    },

    cancel(session: Session, id: number): Batch {
      ownerOnly(session);
      const db = deps.db();
      const at = now();
      return db.transaction(() => {
        if (!repo.moveBatch(db, id, ['proposed', 'notice'], 'cancelled', { finishedAt: at.toISOString() })) throw new CofferError('CONFLICT', 'This batch can no longer be cancelled.', { batch: mustBatch(db, id).state });
        deps.audit(db, { actor: auditActor(session), action: 'retention.batch', entity: 'retentionBatch', recordId: String(id), outcome: 'ok', reason: 'cancelled' }, at);
        return mustBatch(db, id);
      })();
    },

    /**
     * The owner's confirmation, under an approval (gate 'retention.anonymise'): refused during the
     * notice wait, or without the notice when one is set. Starts the chunked run and answers at
     * once with the batch; its progress is read with retention.batch.
     */
    anonymise(session: Session, id: number, ticket: ApprovalTicket): Batch {
      ownerOnly(session);
      const db = deps.db();
      const at = now();
      const batch = db.transaction(() => {
        const current = mustBatch(db, id);
        const notice = repo.readSettings(db).noticeDays;
        if (current.state === 'proposed' && notice > 0) throw new CofferError('CONFLICT', 'Send the notice first, then wait for it.', { batch: 'notice-required' });
        if (current.state === 'notice' && current.notBefore !== null && at.toISOString() < current.notBefore) {
          throw new CofferError('CONFLICT', 'The notice period has not ended yet.', { batch: 'notice-wait', notBefore: current.notBefore });
        }
        ticket.markExecuted(db);
        if (!repo.moveBatch(db, id, ['proposed', 'notice'], 'running', { approvalId: ticket.approvalId, runBy: session.userId, startedAt: at.toISOString() })) {
          throw new CofferError('CONFLICT', 'This batch is not waiting to run.', { batch: current.state });
        }
        deps.audit(db, { actor: auditActor(session), action: 'retention.batch', entity: 'retentionBatch', recordId: String(id), outcome: 'ok', reason: `started ${current.pending}` }, at);
        return mustBatch(db, id);
      })();
      const run = runBatch({ db: deps.db, audit: deps.audit, now, batchId: id, actor: auditActor(session), approvalId: ticket.approvalId, onProgress: changed, ...(deps.checks ? { checks: deps.checks } : {}) });
      running.set(id, run.finally(() => running.delete(id)));
      return batch;
    },

    /** Resolves when every running batch has finished (tests, shutdown). */
    async settled(): Promise<void> {
      await Promise.all([...running.values()]);
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
