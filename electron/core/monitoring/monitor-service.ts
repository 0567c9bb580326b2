import { CofferError } from '../../../shared/errors';
import { type BusinessHours, type MonitorAction, type MonitorRule, type MonitorRuleId } from '../../../shared/monitoring';
import { appendAudit, type AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { countActiveOwners, setUserStatus } from '../users/user-repository';
import * as repo from './monitor-repository';
import { ACTIVITY_RULES, MEASURE, MONITORED_ACTIONS, eventsOf, type ActivityRuleId } from './rules';
import { SlidingWindow } from './sliding-window';

/** How many of a window's customers an alert row keeps (the inbox names the first 20). */
const ALERT_IDS_KEPT = 5000;
const MINUTE = 60_000;
const ERASURE_CHECK_RULE: MonitorRule = { id: 'erasure.check.failed', enabled: true, threshold: 0, windowMinutes: 1, action: 'notify', updatedAt: null, updatedBy: null };

export interface MonitorDeps {
  db: () => Db;
  now: () => number;
  /** Locks every window of a user (a block); returns how many it locked. */
  lockUser: (userId: number, reason: string) => number;
}

interface UserState {
  windows: Map<ActivityRuleId, SlidingWindow>;
}

/** Per open database: a restore or another vault starts from its own log, never from these. */
interface DbState {
  rules: Map<MonitorRuleId, MonitorRule>;
  hours: BusinessHours;
  users: Map<number, UserState>;
}

/**
 * The rules' evaluation. Counts live in memory per user and rule, rebuilt from the audit log on
 * a user's first monitored call after a start (one indexed range of their rows), then moved on
 * by each audit row as it is written: correct after a restart, and cheap per read.
 */
export function createMonitor(deps: MonitorDeps) {
  const states = new WeakMap<Db, DbState>();
  const listeners = new Set<() => void>();

  function stateOf(db: Db): DbState {
    let state = states.get(db);
    if (!state) {
      state = { rules: new Map(repo.readRules(db).map((r) => [r.id, r])), hours: repo.readBusinessHours(db), users: new Map() };
      states.set(db, state);
    }
    return state;
  }

  function windowStart(db: Db, rule: MonitorRule, userId: number, at: number): number {
    const mark = repo.countedFrom(db, userId, rule.id);
    return Math.max(at - rule.windowMinutes * MINUTE, mark ? Date.parse(mark) : 0);
  }

  /** The user's windows, replayed from the log when this is their first monitored call since the vault opened. */
  function userState(db: Db, state: DbState, userId: number, at: number): UserState {
    let user = state.users.get(userId);
    if (user) return user;
    user = { windows: new Map(ACTIVITY_RULES.map((id) => [id, new SlidingWindow()])) };
    const counted = ACTIVITY_RULES.filter((id) => state.rules.get(id)?.enabled && (MEASURE[id] === 'distinct' || MEASURE[id] === 'sum')).map((id) => state.rules.get(id)!);
    if (counted.length > 0) {
      const starts = new Map(counted.map((r) => [r.id, windowStart(db, r, userId, at)]));
      const from = Math.min(...starts.values());
      for (const row of repo.monitoredRowsOf(db, userId, new Date(from).toISOString(), MONITORED_ACTIONS)) {
        const t = Date.parse(row.at);
        for (const event of eventsOf(row)) {
          const start = starts.get(event.rule);
          if (start !== undefined && t >= start) user.windows.get(event.rule)!.add(t, event.ids, event.weight);
        }
      }
    }
    state.users.set(userId, user);
    return user;
  }

  function emit(): void {
    // After the caller's transaction: the listener (main's desktop notification, the refresh
    // hint) is told that something happened, never what.
    setImmediate(() => listeners.forEach((listener) => listener()));
  }

  /** Writes the alert and its audit row, and carries out the rule's action. Returns the action taken. */
  // ids is asked for only when an alert is written: past a threshold every further read crosses it
  // again (and is deduplicated), and copying a window of thousands of ids each time is the cost.
  function raise(db: Db, rule: MonitorRule, userId: number | null, count: number, from: number, ids: () => readonly number[], at: Date): MonitorAction {
    let action = rule.action;
    if (userId !== null && action === 'notify') {
      // Once per window per rule and user: an alert for every further read would bury the inbox.
      const last = repo.lastAlertAt(db, rule.id, userId);
      if (last && at.getTime() - Date.parse(last) < rule.windowMinutes * MINUTE) return 'notify';
    }
    const subject = userId === null ? undefined : repo.userById(db, userId);
    if (!subject) action = 'notify';
    // Never suspend the last active owner: nobody would be left to review it. Step-up instead.
    else if (action === 'block' && subject.role === 'owner' && countActiveOwners(db) <= 1) action = 'step-up';
    db.transaction(() => {
      const id = repo.insertAlert(db, { rule: rule.id, userId, raisedAt: at.toISOString(), count, windowStart: new Date(from).toISOString(), customerIds: ids().slice(0, ALERT_IDS_KEPT), action });
      const who = userId === null ? {} : { entity: 'user', recordId: String(userId) };
      appendAudit(db, { actor: null, action: 'alert.raise', ...who, outcome: 'ok', fields: [rule.id], reason: `alert ${id}: ${rule.id} count=${count} action=${action}` }, at);
      if (!subject || action === 'notify') return;
      // Counting starts again from here, so the same reads do not ask again right after.
      repo.markCountedFrom(db, subject.id, rule.id, at);
      if (action === 'step-up') repo.requireStepUp(db, subject.id, rule.id, at);
      if (action === 'block') {
        setUserStatus(db, subject.id, 'disabled');
        appendAudit(db, { actor: null, action: 'user.disable', entity: 'user', recordId: String(subject.id), outcome: 'ok', fields: ['status'], reason: `monitoring ${rule.id}: suspended until an owner reviews` }, at);
      }
    })();
    if (subject && action !== 'notify') stateOf(db).users.get(subject.id)?.windows.get(rule.id as ActivityRuleId)?.reset();
    if (subject && action === 'block') deps.lockUser(subject.id, `monitoring ${rule.id}`);
    emit();
    return action;
  }

  function outsideHours(hours: BusinessHours, at: Date): boolean {
    if (!hours.enabled) return false;
    const minutes = at.getHours() * 60 + at.getMinutes();
    const [start, end] = [hours.start, hours.end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
    const inTime = start! <= end! ? minutes >= start! && minutes < end! : minutes >= start! || minutes < end!;
    return !(inTime && hours.days.includes(at.getDay()));
  }

  const watched = (entry: AuditEntry) => entry.actor !== null && entry.outcome === 'ok' && MONITORED_ACTIONS.includes(entry.action);

  return {
    /** Before the row is written: loads the user's windows from the log without it. */
    prepare(db: Db, entry: AuditEntry, at: Date): void {
      if (watched(entry)) userState(db, stateOf(db), entry.actor!.userId, at.getTime());
    },

    /** After the row is written: moves the windows on and raises what crossed its threshold. */
    observe(db: Db, entry: AuditEntry, at: Date): void {
      if (!watched(entry)) return;
      const state = stateOf(db);
      const userId = entry.actor!.userId;
      const user = userState(db, state, userId, at.getTime());
      const t = at.getTime();
      for (const event of eventsOf(entry)) {
        const rule = state.rules.get(event.rule);
        if (!rule?.enabled) continue;
        const measure = MEASURE[event.rule];
        if (measure === 'any') {
          if (outsideHours(state.hours, at)) raise(db, rule, userId, 1, t, () => event.ids, at);
          continue;
        }
        if (measure === 'single') {
          if (event.weight > rule.threshold) raise(db, rule, userId, event.weight, t, () => [], at);
          continue;
        }
        const window = user.windows.get(event.rule)!;
        window.add(t, event.ids, event.weight);
        window.evict(windowStart(db, rule, userId, t));
        const value = measure === 'distinct' ? window.distinctCount() : window.sum();
        if (value > rule.threshold) raise(db, rule, userId, value, window.oldest() ?? t, () => window.customerIds(ALERT_IDS_KEPT), at);
      }
    },

    /**
     * Before a reveal or a phone lookup (they name the person behind a masked value): the error
     * to answer with, or null to go on. Over reveals.many with step-up or block, the call that
     * would cross is the one refused, as the old in-memory limiter refused the 31st.
     */
    beforeReveal(db: Db, userId: number, at: Date): CofferError | null {
      if (repo.stepUpPending(db, userId)) return stepUpError();
      const state = stateOf(db);
      const rule = state.rules.get('reveals.many');
      if (!rule?.enabled || rule.action === 'notify') return null;
      const window = userState(db, state, userId, at.getTime()).windows.get('reveals.many')!;
      window.evict(windowStart(db, rule, userId, at.getTime()));
      if (window.sum() + 1 <= rule.threshold) return null;
      const action = raise(db, rule, userId, window.sum() + 1, window.oldest() ?? at.getTime(), () => window.customerIds(ALERT_IDS_KEPT), at);
      return action === 'block' ? new CofferError('LOCKED', 'Coffer is locked. Ask the owner of this Coffer to review the account.') : stepUpError();
    },

    /** Throws STEP_UP_REQUIRED while a rule waits for this user's password (survives a restart). */
    assertNoStepUp(db: Db, userId: number): void {
      if (repo.stepUpPending(db, userId)) throw stepUpError();
    },

    stepUpPending: (db: Db, userId: number) => repo.stepUpPending(db, userId) !== undefined,

    /** The password was entered again: customer calls go on, and that rule counts from now. */
    clearStepUp(db: Db, userId: number, at: Date): MonitorRuleId | null {
      const pending = repo.stepUpPending(db, userId);
      if (!pending) return null;
      repo.clearStepUp(db, userId);
      repo.markCountedFrom(db, userId, pending.rule, at);
      stateOf(db).users.get(userId)?.windows.get(pending.rule as ActivityRuleId)?.reset();
      return pending.rule;
    },

    /** A failed or missed restore drill (backup/drill-alert.ts): an alert with no subject. */
    raiseDrill(db: Db, kind: 'failed' | 'missed', at: Date): void {
      const rule = stateOf(db).rules.get(kind === 'failed' ? 'drill.failed' : 'drill.missed');
      if (rule?.enabled) raise(db, rule, null, 1, at.getTime(), () => [], at);
    },

    /**
     * An erasure's after-check failed or was cut off (privacy/erasure-checks.ts): an alert with no
     * subject. Always on, not one of the owner's rules: a deletion that cannot be proved is never
     * something to silence.
     */
    raiseErasureCheck(db: Db, count: number, at: Date): void {
      raise(db, ERASURE_CHECK_RULE, null, count, at.getTime(), () => [], at);
    },

    /** Rules or hours changed: re-read them, and rebuild the windows (their lengths may differ). */
    invalidate(db: Db): void {
      states.delete(db);
    },

    /** Something was raised. The listener gets no data: it re-reads through the router. */
    onAlert(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function stepUpError(): CofferError {
  return new CofferError('STEP_UP_REQUIRED', 'Enter your password again to continue working with customers.');
}

export type Monitor = ReturnType<typeof createMonitor>;
