import type { Dashboard } from '../../../shared/dashboard';
import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import { countCustomers, listCustomers } from '../customers/customer-repository';
import type { Db } from '../db/open-database';
import { countActiveSince, interactionsBetween } from './dashboard-repository';
import type { ReminderService } from '../reminders/reminder-service';
import { startOfLocalDay } from '../reminders/reminder-service';
import { DEFAULT_DORMANT_DAYS } from '../../../shared/customers';

const WEEKS = 8;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Monday 00:00 local of the week holding `at`. */
export function startOfLocalWeek(at: Date): Date {
  const day = startOfLocalDay(at);
  const sinceMonday = (day.getDay() + 6) % 7;
  // Via the date, not milliseconds: a week with a DST change is not 7 * 24 h long.
  day.setDate(day.getDate() - sinceMonday);
  return day;
}

/**
 * The first screen: what is due, who was contacted lately, how many customers are new this
 * month, and contacts per week. Everything inside this user's row scope; names appear, so the
 * read is audited like a list.
 */
export function createDashboardService(deps: {
  db: () => Db;
  audit: AuditFn;
  reminders: ReminderService;
  /** Whether the quarterly data-quality review is due (quality-service.ts); null for roles it is not for. */
  qualityReview?: (session: Session, db: Db) => Dashboard['qualityReview'];
  now?: () => number;
}) {
  const now = () => new Date((deps.now ?? Date.now)());

  return {
    /**
     * mine: reminders assigned to this user and the customers they own; otherwise everything in
     * their row scope (a salesperson's scope is their own customers either way).
     */
    summary(session: Session, mine = true): Dashboard {
      const grant = grantFor(session.role, 'customers.read');
      if (grant !== 'all' && grant !== 'own') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      const ownerId = grant === 'own' || mine ? session.userId : undefined;
      const db = deps.db();
      const at = now();
      return db.transaction((): Dashboard => {
        const reminders = deps.reminders.dueForDashboard(session, 10, mine);
        const recent = listCustomers(db, { ownerId, sort: 'lastInteractionAt', descending: true, limit: 5 }).filter((row) => row.lastInteractionAt !== null);
        const monthStart = startOfLocalDay(at);
        monthStart.setDate(1);
        const weekStart = startOfLocalWeek(at);
        const weeks = Array.from({ length: WEEKS }, (_, i) => {
          const from = new Date(weekStart);
          from.setDate(from.getDate() - 7 * (WEEKS - 1 - i));
          const to = new Date(from);
          to.setDate(to.getDate() + 7);
          return { weekStart: from.toISOString(), count: interactionsBetween(db, from, to, ownerId) };
        });
        const shown = [...recent.map((row) => row.id), ...reminders.items.map((r) => r.customerId)];
        deps.audit(db, { actor: auditActor(session), action: 'dashboard.read', entity: 'customer', outcome: 'ok', customerIds: shown }, at);
        const total = countCustomers(db, { ownerId });
        return {
          reminders,
          recentlyContacted: recent.map((row) => ({ id: row.id, name: row.name, lastInteractionAt: row.lastInteractionAt ?? '' })),
          newThisMonth: countCustomers(db, { ownerId, createdSince: monthStart.toISOString() }),
          // The active side is the short range of the quiet index; the dormant rest is the difference.
          dormant: total - countActiveSince(db, new Date(at.getTime() - DEFAULT_DORMANT_DAYS * DAY_MS).toISOString(), ownerId),
          total,
          interactionsPerWeek: weeks,
          qualityReview: deps.qualityReview?.(session, db) ?? null,
        };
      })();
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
