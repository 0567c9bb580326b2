import type { Db } from '../db/open-database';
import type { PersonSection } from './person-sections';

/**
 * The "requests" section of an access package: this customer's requests and complaints and
 * their history, one row per history event. Only columns about the request itself: another
 * linked customer is never named, staff appear by display name only, and internal notes and a
 * complaint's cause analysis stay out (they are the shop's working notes, not the person's data);
 * the outcome and a refusal's reason are in, since the person is owed both.
 */
export const requestsSection: PersonSection = {
  key: 'requests',
  rows(db: Db, customerId: number) {
    return db
      .prepare(
        `SELECT r.id AS requestId, r.type, r.received_on AS receivedOn, r.channel, r.state, COALESCE(r.extended_due_on, r.due_on) AS dueOn,
           r.outcome, r.refusal_reason AS refusalReason, e.at AS eventAt, e.kind AS event, e.from_state AS fromState, e.to_state AS toState,
           CASE WHEN e.kind = 'corrected' THEN e.fields END AS correctedFields, u.display_name AS byStaff
         FROM privacy_request_customers l
         JOIN privacy_requests r ON r.id = l.request_id
         JOIN privacy_request_events e ON e.request_id = r.id AND (e.customer_id IS NULL OR e.customer_id = l.customer_id)
         JOIN users u ON u.id = e.user_id
         WHERE l.customer_id = ? AND e.kind NOT IN ('note')
         ORDER BY r.id, e.id`,
      )
      .all(customerId) as Record<string, string | number | null>[];
  },
};
