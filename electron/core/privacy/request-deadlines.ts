import { OPEN_STATES, type DeadlineRule, type RequestState } from '../../../shared/privacy-requests';
import { addPeriod, daysBetween, type Calendar } from '../../../shared/working-days';

/**
 * The deadlines of one request, from the rule of its regime at receipt. Pure: the service reads
 * the rule and the holiday table, this only counts. CCPA's acknowledgement counts business days
 * (Monday to Friday: the shipped holiday table is mainland China's, not the US's).
 */
export function deadlinesFor(rule: DeadlineRule, receivedOn: string, calendar: Calendar): { dueOn: string; ackDueOn: string | null } {
  return {
    dueOn: addPeriod(receivedOn, rule.amount, rule.unit, calendar),
    ackDueOn: rule.ackDays === null ? null : addPeriod(receivedOn, rule.ackDays, 'business-days', calendar),
  };
}

/** Where the clock stands today: days left while open (negative when overdue), else null. */
export function clock(state: RequestState, dueOn: string, today: string): { daysLeft: number | null; overdue: boolean } {
  if (!OPEN_STATES.includes(state)) return { daysLeft: null, overdue: false };
  const daysLeft = daysBetween(today, dueOn);
  return { daysLeft, overdue: daysLeft < 0 };
}
