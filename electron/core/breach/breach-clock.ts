import { FIRST_REPORT_HOURS, type BreachClock } from '../../../shared/breach';
import type { PrivacyRegime } from '../../../shared/privacy';

const HOUR_MS = 3_600_000;

export interface ClockInput {
  regime: PrivacyRegime;
  discoveredAt: string;
  authorityHours: number;
  firstReport: boolean;
  /** When the first notice to the regulator / the customers was logged as sent. */
  regulatorSentAt: string | undefined;
  customersSentAt: string | undefined;
  closed: boolean;
}

/**
 * The clocks from discovery (wave2-features.md 4.6): the authority's deadline (GDPR 72 hours; PIPL
 * "immediately" as the owner's figure), the optional 4-hour first report, and under PIPL telling
 * the people (art. 57 asks for both at once). A clock stops when its notice is logged as sent; a
 * closed incident's unmet clocks stay overdue on record but no longer count down.
 */
export function breachClocks(input: ClockInput, now: Date): BreachClock[] {
  const start = Date.parse(input.discoveredAt);
  const clock = (kind: BreachClock['kind'], hours: number, metAt: string | undefined): BreachClock => {
    const due = start + hours * HOUR_MS;
    const met = metAt ?? null;
    const late = met ? Date.parse(met) > due : now.getTime() > due;
    return {
      kind,
      hours,
      dueAt: new Date(due).toISOString(),
      metAt: met,
      minutesLeft: met || input.closed ? null : Math.floor((due - now.getTime()) / 60_000),
      overdue: late,
    };
  };
  const clocks = [clock('authority', input.authorityHours, input.regulatorSentAt)];
  if (input.firstReport) clocks.unshift(clock('first-report', FIRST_REPORT_HOURS, input.regulatorSentAt));
  if (input.regime === 'pipl') clocks.push(clock('individuals', input.authorityHours, input.customersSentAt));
  return clocks;
}
