/** When backups run, and how old the newest may get before Coffer warns. */
export interface BackupSchedule {
  every: 'hourly' | 'daily' | 'weekly';
  /** Local time of day for daily and weekly runs, "HH:MM". */
  at: string;
  onQuit: boolean;
  /** Days between restore drills the worker runs on its own, right after a scheduled backup. */
  drillEveryDays: number;
}

export const DEFAULT_SCHEDULE: BackupSchedule = { every: 'daily', at: '12:30', onQuit: true, drillEveryDays: 30 };
const HOUR = 3_600_000;
/** A failed run is retried this long after it failed (a disk plugged back in, space freed). */
export const RETRY_MS = 15 * 60_000;

/** The recovery point objective: a warning shows when the newest backup is older than this. */
export function objectiveMs(schedule: BackupSchedule): number {
  return schedule.every === 'hourly' ? 2 * HOUR : schedule.every === 'daily' ? 26 * HOUR : 8 * 24 * HOUR;
}

/** The first scheduled slot after `after`, in local time. */
function slotAfter(schedule: BackupSchedule, after: Date): Date {
  if (schedule.every === 'hourly') return new Date(after.getTime() + HOUR);
  const [hours, minutes] = schedule.at.split(':').map(Number) as [number, number];
  const slot = new Date(after);
  slot.setHours(hours, minutes, 0, 0);
  // Via the calendar, not milliseconds: a day with a DST change is not 24 h.
  while (slot <= after) slot.setDate(slot.getDate() + 1);
  if (schedule.every === 'weekly') slot.setDate(slot.getDate() + 6);
  return slot;
}

/**
 * When the next run is due. Never backed up: now. A slot missed while the laptop was closed is
 * due at once (so it runs at the next start). While the last attempt failed (disk unplugged,
 * disk full), it is retried every RETRY_MS until one succeeds, whatever the schedule says.
 */
export function nextRunAt(schedule: BackupSchedule, lastSuccess: Date | null, lastFailure: Date | null, now: Date): Date {
  // lastFailure is given only when the latest attempt failed.
  if (lastFailure && (!lastSuccess || lastFailure >= lastSuccess)) return new Date(lastFailure.getTime() + RETRY_MS);
  return lastSuccess ? slotAfter(schedule, lastSuccess) : now;
}

const DAY = 24 * HOUR;

/**
 * When the next scheduled drill falls due: the interval after the newest drill of any trigger
 * (a manual drill resets it; a failed one counts too, so a broken backup folder is not drilled
 * after every backup). Never drilled: now, so the first scheduled backup is drilled at once.
 */
export function nextDrillAt(everyDays: number, lastDrillAt: Date | null, now: Date): Date {
  return lastDrillAt ? new Date(lastDrillAt.getTime() + everyDays * DAY) : now;
}

/** A drill is missed when none passed within the interval plus the grace days (never passed: see 'no-drill'). */
export function drillMissed(everyDays: number, graceDays: number, lastPassedAt: Date, now: Date): boolean {
  return now.getTime() - lastPassedAt.getTime() > (everyDays + graceDays) * DAY;
}
