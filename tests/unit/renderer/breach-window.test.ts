import { describe, expect, it } from 'vitest';
import { fromLocalInput, localInput } from '../../../renderer/src/features/privacy/breach/breach-words';

describe('the breach window inputs (whole minutes)', () => {
  it('ends a period at the last instant of its minute, so "to now" includes what happened in this minute', () => {
    const now = new Date('2026-12-03T19:00:41.250Z');
    const shown = localInput(now.toISOString());
    const end = fromLocalInput(shown, 'end')!;
    expect(end >= now.toISOString()).toBe(true);
    expect(new Date(end).getTime() - now.getTime()).toBeLessThan(60_000);
    // The start of a period is the minute itself: an event at 19:00:41 is inside "from 19:00".
    expect(fromLocalInput(shown)! <= now.toISOString()).toBe(true);
    expect(new Date(fromLocalInput(shown)!).getSeconds()).toBe(0);
  });

  it('reads an empty or unreadable value as nothing', () => {
    expect(fromLocalInput('', 'end')).toBeNull();
    expect(fromLocalInput('not a date', 'end')).toBeNull();
  });
});
