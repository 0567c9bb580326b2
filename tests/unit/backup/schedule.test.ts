import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, RETRY_MS, drillMissed, nextDrillAt, nextRunAt, objectiveMs, type BackupSchedule } from '../../../electron/core/backup/schedule';

const local = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute);
const daily: BackupSchedule = { ...DEFAULT_SCHEDULE, every: 'daily', at: '12:30' };

describe('backup schedule (fake clock, local time)', () => {
  it.each([
    ['never backed up: due now', daily, null, null, local(23, 9), local(23, 9)],
    ['daily, backed up this morning: today at 12:30', daily, local(23, 8), null, local(23, 9), local(23, 12, 30)],
    ['daily, backed up after 12:30: tomorrow', daily, local(23, 13), null, local(23, 14), local(24, 12, 30)],
    ['laptop closed over the slot: due (in the past), so it runs at the next start', daily, local(20, 13), null, local(23, 9), local(21, 12, 30)],
    ['hourly: an hour after the last', { ...daily, every: 'hourly' as const }, local(23, 8, 10), null, local(23, 8, 20), local(23, 9, 10)],
    ['weekly: a week on, at the time', { ...daily, every: 'weekly' as const }, local(23, 13), null, local(23, 14), local(30, 12, 30)],
    ['failed after the last success: retried 15 minutes after the failure', daily, local(22, 13), local(23, 12, 31), local(23, 12, 35), new Date(local(23, 12, 31).getTime() + RETRY_MS)],
    ['an old failure before the last success is forgotten', daily, local(23, 8), local(22, 9), local(23, 9), local(23, 12, 30)],
  ])('%s', (_name, schedule, lastOk, lastFail, now, expected) => {
    expect(nextRunAt(schedule, lastOk, lastFail, now)).toEqual(expected);
  });

  it('warns after 2 h (hourly), 26 h (daily), 8 days (weekly)', () => {
    expect([objectiveMs({ ...daily, every: 'hourly' }), objectiveMs(daily), objectiveMs({ ...daily, every: 'weekly' })].map((ms) => ms / 3_600_000)).toEqual([2, 26, 192]);
  });

  it('drills monthly by default: due now if never drilled, else the interval after the newest drill', () => {
    const at = new Date('2026-11-01T10:00:00Z');
    expect(DEFAULT_SCHEDULE.drillEveryDays).toBe(30);
    expect(nextDrillAt(30, null, at)).toEqual(at);
    expect(nextDrillAt(30, at, new Date('2026-11-20T00:00:00Z'))).toEqual(new Date('2026-12-01T10:00:00Z'));
    expect(nextDrillAt(7, at, at)).toEqual(new Date('2026-11-08T10:00:00Z'));
  });

  it('calls a drill missed only past the interval plus the grace days', () => {
    const passed = new Date('2026-11-01T10:00:00Z');
    expect(drillMissed(30, 7, passed, new Date('2026-12-08T10:00:00Z'))).toBe(false); // exactly 37 days
    expect(drillMissed(30, 7, passed, new Date('2026-12-08T10:00:01Z'))).toBe(true);
    expect(drillMissed(90, 7, passed, new Date('2027-01-15T00:00:00Z'))).toBe(false);
  });
});
