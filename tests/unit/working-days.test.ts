import { describe, expect, it } from 'vitest';
import { clock, deadlinesFor } from '../../electron/core/privacy/request-deadlines';
import type { DeadlineRule } from '../../shared/privacy-requests';
import { addCalendarDays, addMonths, addWorkingDays, daysBetween, isWorkingDay, type Calendar } from '../../shared/working-days';

/** The autumn of the State Council's 2026 schedule: 中秋 25-27 Sep, 国庆 1-7 Oct, 调休 Sun 20 Sep and Sat 10 Oct. */
const AUTUMN_2026: Calendar = new Map<string, 'holiday' | 'workday'>([
  ['2026-09-20', 'workday'],
  ['2026-09-25', 'holiday'],
  ['2026-09-26', 'holiday'],
  ['2026-09-27', 'holiday'],
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'holiday'] as [string, 'holiday']),
  ['2026-10-10', 'workday'],
  ['2026-02-14', 'workday'],
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => [`2026-02-${d}`, 'holiday'] as [string, 'holiday']),
]);

const PIPL: DeadlineRule = { regime: 'pipl', amount: 15, unit: 'working-days', ackDays: null, extendAmount: 0, extendUnit: 'working-days', remindDays: 3 };
const GDPR: DeadlineRule = { regime: 'gdpr', amount: 1, unit: 'months', ackDays: null, extendAmount: 2, extendUnit: 'months', remindDays: 5 };
const CCPA: DeadlineRule = { regime: 'ccpa', amount: 45, unit: 'calendar-days', ackDays: 10, extendAmount: 45, extendUnit: 'calendar-days', remindDays: 5 };

describe('working days', () => {
  it('weekends are off, holidays are off on weekdays, and a 调休 weekend day is a working day', () => {
    expect(isWorkingDay('2026-09-28', AUTUMN_2026)).toBe(true); // Monday
    expect(isWorkingDay('2026-09-19', AUTUMN_2026)).toBe(false); // Saturday
    expect(isWorkingDay('2026-10-01', AUTUMN_2026)).toBe(false); // Thursday, 国庆
    expect(isWorkingDay('2026-10-10', AUTUMN_2026)).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-09-20', AUTUMN_2026)).toBe(true); // Sunday, 调休
  });

  it('15 working days from Monday 28 Sep 2026 skip 国庆 and count Saturday 10 Oct: due Friday 23 Oct', () => {
    expect(addWorkingDays('2026-09-28', 15, AUTUMN_2026)).toBe('2026-10-23');
    // Without the 调休 Saturday the same count ends a working day later, on Monday 26 Oct.
    const noMakeUp = new Map([...AUTUMN_2026].filter(([day]) => day !== '2026-10-10'));
    expect(addWorkingDays('2026-09-28', 15, noMakeUp)).toBe('2026-10-26');
    // With no holiday table at all it is three weeks of weekdays: Monday 19 Oct.
    expect(addWorkingDays('2026-09-28', 15, new Map())).toBe('2026-10-19');
  });

  it('the day received does not count; a 调休 Sunday or Saturday can be the deadline', () => {
    expect(addWorkingDays('2026-09-18', 1, AUTUMN_2026)).toBe('2026-09-20');
    expect(addWorkingDays('2026-02-13', 1, AUTUMN_2026)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2, AUTUMN_2026)).toBe('2026-02-24'); // over the nine days of 春节
    expect(addWorkingDays('2026-09-30', 1, AUTUMN_2026)).toBe('2026-10-08');
    expect(() => addWorkingDays('2026-09-30', 0, AUTUMN_2026)).toThrow(/positive/);
  });

  it('calendar days and months: GDPR month ends on the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addCalendarDays('2026-12-20', 45)).toBe('2027-02-03');
    expect(daysBetween('2026-12-03', '2026-12-01')).toBe(-2);
  });

  it('deadlines per regime: PIPL working days, GDPR one month, CCPA 45 days with receipt confirmed in 10 business days (Mon-Fri)', () => {
    expect(deadlinesFor(PIPL, '2026-09-28', AUTUMN_2026)).toEqual({ dueOn: '2026-10-23', ackDueOn: null });
    expect(deadlinesFor(GDPR, '2026-09-28', AUTUMN_2026)).toEqual({ dueOn: '2026-10-28', ackDueOn: null });
    // Business days ignore the Chinese holiday table: 1-7 Oct count.
    expect(deadlinesFor(CCPA, '2026-09-28', AUTUMN_2026)).toEqual({ dueOn: '2026-11-12', ackDueOn: '2026-10-12' });
  });

  it('the clock: days left while open, negative and overdue after the day, stopped once answered or refused', () => {
    expect(clock('received', '2026-10-23', '2026-10-20')).toEqual({ daysLeft: 3, overdue: false });
    expect(clock('in_progress', '2026-10-23', '2026-10-23')).toEqual({ daysLeft: 0, overdue: false });
    expect(clock('verified', '2026-10-23', '2026-10-26')).toEqual({ daysLeft: -3, overdue: true });
    expect(clock('answered', '2026-10-23', '2026-10-26')).toEqual({ daysLeft: null, overdue: false });
    expect(clock('refused', '2026-10-23', '2026-10-26')).toEqual({ daysLeft: null, overdue: false });
  });
});
