import type { Dashboard } from '../../../shared/dashboard';
import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import { seesDormant, type AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import { countActiveSince, createdSince, interactionsBetween, liveCustomers, recentlyContacted } from './dashboard-repository';
import type { ReminderService } from '../reminders/reminder-service';
import { DEFAULT_DORMANT_DAYS } from '../../../shared/customers';
import { DAY_MS, startOfLocalDay, startOfLocalWeek } from '../platform/time';

const WEEKS = 8;

// Moved to the shared calendar helpers; re-exported for older importers.
export { startOfLocalWeek };

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
        const recent = recentlyContacted(db, ownerId, 5, !seesDormant(session.role));
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
        // The figures below stay counts of the whole book, dormant customers included, for every
        // role (issue 17 hides dormant customers, not how many there are): they come from kept
        // totals that know no dormancy, and taking the dormant share off would walk every dormant
        // customer on each visit. No id or name of a dormant customer reaches sales or support here.
        const total = liveCustomers(db, ownerId);
        return {
          reminders,
          recentlyContacted: recent,
          newThisMonth: createdSince(db, monthStart.toISOString(), ownerId),
          // Counted on the active side (the recent days); the dormant rest is the difference.
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
