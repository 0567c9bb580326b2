import { describe, expect, it } from 'vitest';
import { LoginThrottle, nextDelayMs, shouldLock } from '../../../electron/core/auth/login-throttle';

describe('nextDelayMs and shouldLock', () => {
  it('gives three free tries, then doubles from one second, capped at a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50].map((n) => nextDelayMs(n))).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect(nextDelayMs(1e9)).toBe(60_000);
    expect(nextDelayMs(Number.POSITIVE_INFINITY)).toBe(0);
    expect(nextDelayMs(5, 1, 10_000)).toBe(10_000);
  });

  it('locks at the limit, not before', () => {
    expect(shouldLock(9)).toBe(false);
    expect(shouldLock(10)).toBe(true);
    expect(shouldLock(2, 3)).toBe(false);
    expect(shouldLock(3, 3)).toBe(true);
  });
});

describe('LoginThrottle', () => {
  const T0 = 1_700_000_000_000;

  it('allows the first tries, then makes the next one wait, per username in any case', () => {
    const throttle = new LoginThrottle();
    expect(throttle.check('lily', T0)).toEqual({ allowed: true });
    for (let i = 1; i <= 3; i += 1) {
      expect(throttle.check('Lily', T0)).toEqual({ allowed: true });
      expect(throttle.recordFailure('Lily', T0)).toEqual({ failures: i, locked: false });
    }
    expect(throttle.check(' LILY ', T0 + 400)).toEqual({ allowed: false, locked: false, retryAfterMs: 600 });
    expect(throttle.check('lily', T0 + 1000)).toEqual({ allowed: true });
    throttle.recordFailure('lily', T0 + 1000);
    expect(throttle.check('lily', T0 + 1000)).toEqual({ allowed: false, locked: false, retryAfterMs: 2000 });
    expect(throttle.check('someone-else', T0 + 1000)).toEqual({ allowed: true });
  });

  it('reports the lock at the limit and keeps refusing until reset', () => {
    const throttle = new LoginThrottle();
    let now = T0;
    for (let i = 1; i < 10; i += 1) {
      expect(throttle.recordFailure('lily', now).locked).toBe(false);
      now += 60_000;
    }
    expect(throttle.check('lily', now)).toEqual({ allowed: true });
    expect(throttle.recordFailure('lily', now)).toEqual({ failures: 10, locked: true });
    expect(throttle.check('lily', now + 3_600_000)).toEqual({ allowed: false, locked: true, retryAfterMs: null });
    throttle.recordSuccess('LILY');
    expect(throttle.check('lily', now)).toEqual({ allowed: true });
    expect(throttle.peek('lily')).toBeUndefined();
  });

  it('honours a custom limit', () => {
    const throttle = new LoginThrottle({ lockLimit: 2, freeTries: 0, maxDelayMs: 5000 });
    expect(throttle.recordFailure('a', T0)).toEqual({ failures: 1, locked: false });
    expect(throttle.check('a', T0)).toEqual({ allowed: false, locked: false, retryAfterMs: 2000 });
    expect(throttle.recordFailure('a', T0 + 2000)).toEqual({ failures: 2, locked: true });
  });

  it('throttles an unknown username exactly like a known one', () => {
    // The throttle never learns which names exist; this pins that the same sequence of events
    // yields the same answers whatever the name, so the caller cannot leak it through us.
    const run = (username: string) => {
      const throttle = new LoginThrottle();
      const answers: unknown[] = [];
      for (let i = 0; i < 12; i += 1) {
        const now = T0 + i * 30_000;
        answers.push(throttle.check(username, now), throttle.recordFailure(username, now), throttle.check(username, now + 500));
      }
      return answers;
    };
    const known = run('lily');
    expect(run('no-such-user-7f3a')).toEqual(known);
    expect(known).toContainEqual({ allowed: false, locked: true, retryAfterMs: null });
    expect(known).toContainEqual({ allowed: false, locked: false, retryAfterMs: 500 });
  });

  it('hands out copies, so callers cannot reset a count by mutation', () => {
    const throttle = new LoginThrottle();
    throttle.recordFailure('lily', T0);
    const entry = throttle.peek('lily')!;
    entry.failures = 0;
    expect(throttle.peek('lily')).toEqual({ failures: 1, lastFailureAt: T0 });
  });
});
