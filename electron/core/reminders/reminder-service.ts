import { CofferError } from '../../../shared/errors';
import { grantFor, grantReaches, type Permission } from '../../../shared/permissions';
import type { ReminderCounts, ReminderRange, ReminderView } from '../../../shared/reminders';
import { auditActor, type Session } from '../auth/session-service';
import { findCustomerInScope, seesDormant, type AuditFn } from '../customers/customer-service';
import { recordingProbes } from '../customers/scope-probe';
import type { Db } from '../db/open-database';
import { findUserByUsername } from '../users/user-repository';
import { completeReminder, countAllReminders, countReminders, findReminder, insertReminder, listReminders, snoozeReminder, takeNewlyDue, type ReminderQuery, type ReminderRow } from './reminder-repository';
import type { MarketingPurpose } from '../../../shared/consent';
import { assertPurposeNotWithdrawn } from '../privacy/consent-service';
import { fieldGate, freeTextAllowed } from '../settings/customer-fields';
import { DAY_MS, HOUR_MS, startOfLocalDay } from '../platform/time';

// The local-day helper lives with the other calendar helpers; re-exported for older importers.
export { startOfLocalDay };

function rangeBounds(range: ReminderRange, now: Date): Pick<ReminderQuery, 'dueFrom' | 'dueBefore'> {
  const today = startOfLocalDay(now);
  const tomorrow = new Date(today.getTime() + DAY_MS + 2 * HOUR_MS); // +2 h: a DST day may be 25 h long
  const nextDay = startOfLocalDay(tomorrow).toISOString();
  if (range === 'overdue') return { dueBefore: today.toISOString() };
  if (range === 'today') return { dueFrom: today.toISOString(), dueBefore: nextDay };
  if (range === 'upcoming') return { dueFrom: nextDay };
  return {};
}

/** A reminder's text is free text about the person: support reads it when allowed, or when it is theirs (written by or handed to them). */
function viewer(db: Db, session: Session): (row: ReminderRow) => ReminderView {
  const gate = fieldGate(db);
  return (row) => {
    const shown = freeTextAllowed(gate, session, [row.createdBy, row.ownerId]);
    return {
      id: row.id,
      customerId: row.customerId,
      customerName: row.customerName,
      assignee: row.ownerUsername,
      dueAt: row.dueAt,
      note: shown ? row.note : '',
      status: row.status,
      snoozed: row.snoozed,
      purpose: row.purpose,
      blocked: row.withdrawn === 1 ? 'consent-withdrawn' : null,
      ...(shown ? {} : { noteWithheld: true as const }),
    };
  };
}

/**
 * Follow-up reminders. Row scope is the customer's: a salesperson sees and changes reminders on
 * customers they own, whoever the reminder is assigned to. Lists reveal customer names, so each
 * list is audited like any other read of customer data.
 */
export function createReminderService(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());

  function reachable(db: Db, session: Session, id: number, permission: Permission): ReminderRow {
    const row = findReminder(db, id);
    const grant = grantFor(session.role, permission);
    if (!row || !grantReaches(grant, row.customerOwnerId, session.userId) || (row.customerDormantAt !== null && !seesDormant(session.role))) {
      throw new CofferError('NOT_FOUND', 'That reminder does not exist.');
    }
    return row;
  }

  /** Row scope, and (issue 17) no dormant customers' reminders for a role that does not see them. */
  function scopeOf(session: Session): Pick<ReminderQuery, 'customerOwnerId' | 'hideDormant'> {
    const grant = grantFor(session.role, 'reminders.read');
    const hidden = seesDormant(session.role) ? {} : { hideDormant: true };
    if (grant === 'own') return { customerOwnerId: session.userId, ...hidden };
    if (grant === 'all') return hidden;
    throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
  }

  return {
    list(session: Session, input: { range: ReminderRange; mine: boolean; customerId?: number | undefined; status: 'open' | 'done'; limit: number; offset?: number }): ReminderView[] {
      const db = deps.db();
      return recordingProbes(db, deps.audit, session, now, db.transaction(() => {
        if (input.customerId !== undefined) findCustomerInScope(db, session, grantFor(session.role, 'reminders.read'), input.customerId);
        const rows = listReminders(db, {
          ...scopeOf(session),
          ...(input.mine ? { ownerId: session.userId } : {}),
          ...(input.customerId !== undefined ? { customerId: input.customerId } : {}),
          ...rangeBounds(input.range, now()),
          status: input.status,
          limit: input.limit,
          offset: input.offset ?? 0,
        });
        deps.audit(db, { actor: auditActor(session), action: 'reminder.list', entity: 'reminder', outcome: 'ok', customerIds: rows.map((r) => r.customerId), ...(input.customerId !== undefined ? { recordId: String(input.customerId) } : {}) }, now());
        return rows.map(viewer(db, session));
      }));
    },

    /**
     * How many reminders each tab holds (overdue, today, upcoming, done), in the same scope as
     * list(): the tabs say how many there are, whatever a page shows. Counts carry no names.
     */
    counts(session: Session, mine: boolean): ReminderCounts {
      const db = deps.db();
      const base = { ...scopeOf(session), ...(mine ? { ownerId: session.userId } : {}) };
      const at = now();
      return db.transaction(() => {
        const today = countReminders(db, { ...base, status: 'open', ...rangeBounds('today', at) });
        const upcoming = countReminders(db, { ...base, status: 'open', ...rangeBounds('upcoming', at) });
        // Done grows with the years: from the kept totals (migration 024), not a walk over the
        // past. Open = overdue + today + upcoming (every due time falls in exactly one of the
        // three), so overdue costs nothing more once the two short ranges are counted.
        return { overdue: countAllReminders(db, { ...base, status: 'open' }) - today - upcoming, today, upcoming, done: countAllReminders(db, { ...base, status: 'done' }) };
      })();
    },

    /**
     * Open reminders due by the end of today (overdue first), with the counts, for the dashboard:
     * assigned to this user (mine) or all in scope, as the Reminders page shows them. Not audited
     * here: the dashboard audits its read in the same transaction.
     */
    dueForDashboard(session: Session, limit: number, mine = true): { overdue: number; today: number; items: ReminderView[] } {
      const db = deps.db();
      const base = { ...scopeOf(session), ...(mine ? { ownerId: session.userId } : {}), status: 'open' as const };
      const at = now();
      const { dueBefore } = rangeBounds('today', at);
      // Open reminders only: done ones leave these index ranges, so the past that grows with the
      // years is never read here (and the future after today is not needed).
      return {
        overdue: countReminders(db, { ...base, ...rangeBounds('overdue', at) }),
        today: countReminders(db, { ...base, ...rangeBounds('today', at) }),
        // A marketing reminder whose purpose was withdrawn is not due: it stays on the Reminders page with its reason.
        items: listReminders(db, { ...base, ...(dueBefore ? { dueBefore } : {}), limit, dueOnly: true }).map(viewer(db, session)),
      };
    },

    add(session: Session, input: { customerId: number; dueAt: string; note: string; assignee?: string | undefined; purpose?: MarketingPurpose | undefined }): number {
      const db = deps.db();
      return recordingProbes(db, deps.audit, session, now, db.transaction(() => {
        const customer = findCustomerInScope(db, session, grantFor(session.role, 'reminders.write'), input.customerId);
        if (input.purpose) assertPurposeNotWithdrawn(db, input.customerId, input.purpose);
        let ownerId = session.userId;
        if (input.assignee !== undefined && input.assignee !== session.username) {
          // Only roles that reach every customer hand reminders to others (sales keep their own),
          // and only to someone whose own scope reaches this customer.
          const assignee = findUserByUsername(db, input.assignee);
          const reaches = assignee !== undefined && grantReaches(grantFor(assignee.role, 'reminders.read'), customer.ownerId, assignee.id);
          if (grantFor(session.role, 'reminders.write') !== 'all' || !assignee || assignee.status !== 'active' || !reaches) {
            throw new CofferError('INVALID_INPUT', 'That user cannot take this reminder.', { assignee: 'invalid' });
          }
          ownerId = assignee.id;
        }
        const at = now().toISOString();
        // The purpose is kept, so a withdrawal recorded later still stops this reminder.
        const id = insertReminder(db, { customerId: input.customerId, ownerId, dueAt: input.dueAt, note: input.note, createdBy: session.userId, purpose: input.purpose ?? null }, at);
        deps.audit(db, { actor: auditActor(session), action: 'reminder.create', entity: 'customer', recordId: String(input.customerId), outcome: 'ok', fields: ['dueAt', 'note', ...(input.purpose ? ['purpose'] : [])] }, now());
        return id;
      }));
    },

    done(session: Session, id: number): void {
      const db = deps.db();
      db.transaction(() => {
        const row = reachable(db, session, id, 'reminders.write');
        completeReminder(db, id, now().toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'reminder.done', entity: 'customer', recordId: String(row.customerId), outcome: 'ok' }, now());
      })();
    },

    snooze(session: Session, id: number, until: string): void {
      const db = deps.db();
      if (Date.parse(until) <= now().getTime()) throw new CofferError('INVALID_INPUT', 'Snooze to a time in the future.', { until: 'past' });
      db.transaction(() => {
        const row = reachable(db, session, id, 'reminders.write');
        if (row.status !== 'open') throw new CofferError('CONFLICT', 'This reminder is already done.');
        snoozeReminder(db, id, until);
        deps.audit(db, { actor: auditActor(session), action: 'reminder.snooze', entity: 'customer', recordId: String(row.customerId), outcome: 'ok', fields: ['dueAt'] }, now());
      })();
    },

    /** How many of this user's reminders fell due since the last call; each is counted once. */
    takeNewlyDue(session: Session): number {
      return takeNewlyDue(deps.db(), session.userId, now().toISOString());
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
