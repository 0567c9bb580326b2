/**
 * Calendar constants and local-day helpers shared by core. Main runs on the user's computer, so
 * "today" and "this week" are the user's local calendar; a fixed number of milliseconds is only
 * right for durations (retention windows, "older than 90 days"), never for calendar steps across
 * a DST change: step those through Date's setDate, as startOfLocalWeek does.
 */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** Local midnight of the day holding `at`: "due today" means the user's day. */
export function startOfLocalDay(at: Date): Date {
  const day = new Date(at);
  day.setHours(0, 0, 0, 0);
  return day;
}

/** Monday 00:00 local of the week holding `at`. */
export function startOfLocalWeek(at: Date): Date {
  const day = startOfLocalDay(at);
  const sinceMonday = (day.getDay() + 6) % 7;
  // Via the date, not milliseconds: a week with a DST change is not 7 * 24 h long.
  day.setDate(day.getDate() - sinceMonday);
  return day;
}
