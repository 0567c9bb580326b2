import { describe, expect, it } from 'vitest';
import { fromLocalInput, localInput } from '../../../renderer/src/features/privacy/breach/breach-words';

describe('the breach window inputs', () => {
  const now = new Date('2026-12-03T19:00:41.250Z');

  it('ends a period at the last instant of its minute, so "to now" includes what happened in this minute', () => {
    const shown = localInput(now.toISOString());
    const end = fromLocalInput(shown, 'end')!;
    expect(end >= now.toISOString()).toBe(true);
    expect(new Date(end).getTime() - now.getTime()).toBeLessThan(60_000);
    // The start of a period is the minute itself: an event at 19:00:41 is inside "from 19:00".
    expect(fromLocalInput(shown)! <= now.toISOString()).toBe(true);
    expect(new Date(fromLocalInput(shown)!).getSeconds()).toBe(0);
  });

  it('to the second for a session: its end is the last instant of that second, not of the minute', () => {
    const shown = localInput(now.toISOString(), 'seconds');
    expect(shown).toMatch(/T\d\d:\d\d:41$/);
    const end = fromLocalInput(shown, 'end', 'seconds')!;
    expect(end >= now.toISOString()).toBe(true);
    expect(new Date(end).getTime() - now.getTime()).toBeLessThan(1_000);
    // Chromium drops ":00" from a step-1 value: the end is still the last instant of that second.
    const onTheMinute = localInput(new Date('2026-12-03T19:00:00.000Z').toISOString(), 'seconds').replace(/:00$/, '');
    expect(new Date(fromLocalInput(onTheMinute, 'end', 'seconds')!).getTime() - Date.parse('2026-12-03T19:00:00.000Z')).toBe(999);
  });

  it('reads an empty or unreadable value as nothing', () => {
    expect(fromLocalInput('', 'end')).toBeNull();
    expect(fromLocalInput('not a date', 'end')).toBeNull();
  });
});
