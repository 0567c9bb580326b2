import { describe, expect, it } from 'vitest';
import { createLoginBackoff } from '../../../electron/core/auth/login-backoff';

// login-backoff.ts is what session-service.ts uses today; kept covered until it moves to LoginThrottle.
describe('sign-in back-off (session-service)', () => {
  it('is free for three tries, then doubles up to a minute, per username in any case', () => {
    const backoff = createLoginBackoff();
    for (let i = 0; i < 3; i += 1) backoff.failed('Lily', 1000);
    expect(backoff.retryAfter('lily', 1000)).toBe(1000);
    for (let i = 0; i < 10; i += 1) backoff.failed('lily', 2000);
    expect(backoff.retryAfter('LILY', 2000)).toBe(60_000);
    backoff.succeeded('lily');
    expect(backoff.retryAfter('lily', 2000)).toBe(0);
  });
});
