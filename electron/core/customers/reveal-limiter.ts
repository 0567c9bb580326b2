/**
 * Reveals per user in a sliding window. Revealing one number for a call is normal; revealing a
 * hundred in ten minutes is how a departing employee copies the customer list.
 */
export interface RevealLimiter {
  take(userId: number, now: number): { allowed: boolean; remaining: number };
}

export function createRevealLimiter(limit = 30, windowMs = 10 * 60 * 1000): RevealLimiter {
  const history = new Map<number, number[]>();
  return {
    take(userId, now) {
      const recent = (history.get(userId) ?? []).filter((at) => now - at < windowMs);
      if (recent.length >= limit) {
        history.set(userId, recent);
        return { allowed: false, remaining: 0 };
      }
      recent.push(now);
      history.set(userId, recent);
      return { allowed: true, remaining: limit - recent.length };
    },
  };
}
