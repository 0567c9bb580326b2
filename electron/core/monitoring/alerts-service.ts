import { CofferError } from '../../../shared/errors';
import { ALERT_CUSTOMERS_SHOWN, type AlertItem, type BusinessHours, type MonitorAction, type MonitorRule, type MonitorRuleId } from '../../../shared/monitoring';
import { grantFor, grantReaches } from '../../../shared/permissions';
import { appendAudit } from '../audit/audit-log';
import { customerNamesOf } from '../audit/audit-names-repository';
import { auditActor, type Session } from '../auth/session-service';
import type { ApprovalTicket } from '../approvals/approval-gate';
import type { Db } from '../db/open-database';
import type { Monitor } from './monitor-service';
import * as repo from './monitor-repository';

export interface AlertsDeps {
  db: () => Db;
  now: () => number;
  monitor: Monitor;
  /** Password re-entry with the sign-in back-off (session-service confirmPassword). */
  confirmPassword: (session: Session, password: string) => Promise<void>;
  /** The user's 2-step code, when they have 2-step verification on (second-factor check). */
  checkSecondFactor: (db: Db, session: Session, code: string | undefined) => void;
  /**
   * THE place where turning a rule OFF asks for approval (issue 15): the approvals gate, which
   * throws APPROVAL_REQUIRED without an approved request and gives back the ticket used inside the
   * change's own transaction. Absent (stand-alone tests), every owner's switch-off goes through.
   */
  ruleOffGate?: (session: Session, input: Record<string, unknown>) => ApprovalTicket;
}

/** The inbox, the owner's rule settings and the step-up, as the channels call them. */
export function createAlertsService(deps: AlertsDeps) {
  const at = () => new Date(deps.now());

  function item(db: Db, session: Session, row: repo.AlertRow): AlertItem {
    const ids = repo.parseAlertCustomers(row.customerIds);
    const shown = ids.slice(0, ALERT_CUSTOMERS_SHOWN);
    // A name only where the viewer's role may read that customer (an auditor sees ids only).
    const grant = grantFor(session.role, 'customers.read');
    const names = new Map(customerNamesOf(db, shown).filter((c) => grantReaches(grant, c.ownerId, session.userId)).map((c) => [c.id, c.name]));
    return {
      id: row.id,
      rule: row.rule,
      subject: row.userId === null || row.username === null ? null : { id: row.userId, username: row.username, displayName: row.displayName ?? row.username },
      raisedAt: row.raisedAt,
      count: row.count,
      windowStart: row.windowStart,
      customerCount: ids.length,
      customers: shown.map((id) => ({ id, name: names.get(id) ?? null })),
      state: row.state,
      acknowledgedBy: row.acknowledgedBy,
      acknowledgedAt: row.acknowledgedAt,
      note: row.note,
      action: row.action,
    };
  }

  return {
    list(session: Session, input: { state?: 'open' | 'all' | undefined; limit?: number | undefined; before?: number | undefined }): { items: AlertItem[] } {
      const db = deps.db();
      return db.transaction(() => {
        const rows = repo.listAlerts(db, { openOnly: (input.state ?? 'open') === 'open', limit: input.limit ?? 50, before: input.before });
        const items = rows.map((row) => item(db, session, row));
        const named = items.flatMap((i) => i.customers.filter((c) => c.name !== null).map((c) => c.id));
        // The inbox names customers: who read which names is in the log, like the audit page.
        appendAudit(db, { actor: auditActor(session), action: 'audit.read', entity: 'alerts', outcome: 'ok', fields: ['alerts'], customerIds: named }, at());
        return { items };
      })();
    },

    count(): { open: number } {
      return { open: repo.countOpenAlerts(deps.db()) };
    },

    acknowledge(session: Session, id: number, note: string): { id: number; state: 'acknowledged' } {
      const db = deps.db();
      db.transaction(() => {
        const alert = repo.alertState(db, id);
        if (!alert) throw new CofferError('NOT_FOUND', 'That alert does not exist.');
        // The person an alert is about does not close it: someone else looks.
        if (alert.userId === session.userId) throw new CofferError('FORBIDDEN', 'An alert about your own account is acknowledged by someone else.');
        if (alert.state !== 'open') throw new CofferError('CONFLICT', 'This alert was already acknowledged.');
        repo.acknowledgeAlert(db, id, session.userId, at(), note);
        // The note's words stay in the alert; the log says a note was written, not what it says.
        appendAudit(db, { actor: auditActor(session), action: 'alert.acknowledge', entity: 'alert', recordId: String(id), outcome: 'ok', fields: note === '' ? [] : ['note'] }, at());
      })();
      return { id, state: 'acknowledged' };
    },

    rules(): { rules: MonitorRule[]; businessHours: BusinessHours } {
      const db = deps.db();
      return { rules: repo.readRules(db), businessHours: repo.readBusinessHours(db) };
    },

    setRule(session: Session, input: { id: MonitorRuleId; enabled?: boolean | undefined; threshold?: number | undefined; windowMinutes?: number | undefined; action?: MonitorAction | undefined; approvalId?: number | undefined }): { rule: MonitorRule; pending: boolean } {
      const db = deps.db();
      const current = repo.readRule(db, input.id);
      if (!current) throw new CofferError('NOT_FOUND', 'That rule does not exist.');
      // The drill alerts are about no one: there is no session to ask again or account to suspend.
      if (input.id.startsWith('drill.') && input.action !== undefined && input.action !== 'notify') {
        throw new CofferError('INVALID_INPUT', 'A drill alert can only notify.', { action: 'notify-only' });
      }
      // Switching an ON rule off passes the approvals gate (throws APPROVAL_REQUIRED when needed).
      const ticket = current.enabled && input.enabled === false ? deps.ruleOffGate?.(session, input) : undefined;
      const next = {
        id: current.id,
        enabled: input.enabled ?? current.enabled,
        threshold: input.threshold ?? current.threshold,
        windowMinutes: input.windowMinutes ?? current.windowMinutes,
        action: input.action ?? current.action,
      };
      const changed = (['enabled', 'threshold', 'windowMinutes', 'action'] as const).filter((k) => next[k] !== current[k]);
      db.transaction(() => {
        repo.writeRule(db, next, session.userId, at());
        // The approval is used once, together with the change it allowed.
        ticket?.markExecuted(db);
        const reason = `${current.id} enabled=${next.enabled} threshold=${next.threshold} window=${next.windowMinutes} action=${next.action}`;
        appendAudit(db, { actor: auditActor(session), action: 'monitoring.rule', entity: 'monitoring', recordId: current.id, outcome: 'ok', fields: changed, reason }, at());
      })();
      deps.monitor.invalidate(db);
      return { rule: repo.readRule(db, input.id)!, pending: false };
    },

    setBusinessHours(session: Session, hours: BusinessHours): BusinessHours {
      const db = deps.db();
      if (hours.start === hours.end) throw new CofferError('INVALID_INPUT', 'Business hours start and end at different times.', { end: 'same-as-start' });
      const saved = { ...hours, days: [...new Set(hours.days)].sort((a, b) => a - b) };
      db.transaction(() => {
        repo.writeBusinessHours(db, saved);
        const reason = `businessHours enabled=${saved.enabled} ${saved.start}-${saved.end} days=${saved.days.join('')}`;
        appendAudit(db, { actor: auditActor(session), action: 'monitoring.rule', entity: 'monitoring', recordId: 'businessHours', outcome: 'ok', fields: ['businessHours'], reason }, at());
      })();
      deps.monitor.invalidate(db);
      return saved;
    },

    /** STEP_UP_REQUIRED's answer: the password (and 2-step code if on) again, with the sign-in back-off. */
    async stepUp(session: Session, password: string, code: string | undefined): Promise<{ ok: true }> {
      await deps.confirmPassword(session, password);
      const db = deps.db();
      deps.checkSecondFactor(db, session, code);
      db.transaction(() => {
        const rule = deps.monitor.clearStepUp(db, session.userId, at());
        appendAudit(db, { actor: auditActor(session), action: 'session.stepUp', outcome: 'ok', ...(rule ? { reason: `after ${rule}` } : {}) }, at());
      })();
      return { ok: true };
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
