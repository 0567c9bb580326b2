import type { Dashboard } from '../../../shared/dashboard';
import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import { countCustomers, listCustomers } from '../customers/customer-repository';
import type { Db } from '../db/open-database';
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

function interactionsBetween(db: Db, from: string, to: string, ownerId: number | undefined): number {
  return (
    db
      .prepare(
        `SELECT count(*) AS n FROM interactions i JOIN customers c ON c.id = i.customer_id
          WHERE i.at >= ? AND i.at < ? AND c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?)`,
      )
      .get(from, to, ownerId ?? null, ownerId ?? null) as { n: number }
  ).n;
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
    summary(session: Session): Dashboard {
      const grant = grantFor(session.role, 'customers.read');
      if (grant !== 'all' && grant !== 'own') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      const ownerId = grant === 'own' ? session.userId : undefined;
      const db = deps.db();
      const at = now();
      return db.transaction((): Dashboard => {
        const reminders = deps.reminders.dueForDashboard(session, 10);
        const recent = listCustomers(db, { ownerId, sort: 'lastInteractionAt', descending: true, limit: 5 }).filter((row) => row.lastInteractionAt !== null);
        const monthStart = startOfLocalDay(at);
        monthStart.setDate(1);
        const weekStart = startOfLocalWeek(at);
        const weeks = Array.from({ length: WEEKS }, (_, i) => {
          const from = new Date(weekStart);
          from.setDate(from.getDate() - 7 * (WEEKS - 1 - i));
          const to = new Date(from);
          to.setDate(to.getDate() + 7);
          return { weekStart: from.toISOString(), count: interactionsBetween(db, from.toISOString(), to.toISOString(), ownerId) };
        });
        const shown = [...recent.map((row) => row.id), ...reminders.items.map((r) => r.customerId)];
        deps.audit(db, { actor: auditActor(session), action: 'dashboard.read', entity: 'customer', outcome: 'ok', customerIds: shown }, at);
        return {
          reminders,
          recentlyContacted: recent.map((row) => ({ id: row.id, name: row.name, lastInteractionAt: row.lastInteractionAt ?? '' })),
          newThisMonth: countCustomers(db, { ownerId, createdSince: monthStart.toISOString() }),
          dormant: countCustomers(db, { ownerId, quietSince: new Date(at.getTime() - DEFAULT_DORMANT_DAYS * DAY_MS).toISOString() }),
          total: countCustomers(db, { ownerId }),
          interactionsPerWeek: weeks,
          qualityReview: deps.qualityReview?.(session, db) ?? null,
        };
      })();
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
