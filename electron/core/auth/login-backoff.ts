/**
 * Back-off between failed sign-ins, per lower-cased username, known or not (so the delay does
 * not tell which usernames exist). The first three tries are free; then 1 s, 2 s, 4 s ... up to
 * a minute. The persistent lockout after many failures lives in the users table.
 */
export function createLoginBackoff(freeTries = 3, maxDelayMs = 60_000) {
  const failures = new Map<string, { count: number; lastAt: number }>();
  const key = (username: string) => username.trim().toLowerCase();
  return {
    delayFor(count: number): number {
      if (count < freeTries) return 0;
      return Math.min(maxDelayMs, 1000 * 2 ** (count - freeTries));
    },
    retryAfter(username: string, now: number): number {
      const entry = failures.get(key(username));
      if (!entry) return 0;
      return Math.max(0, entry.lastAt + this.delayFor(entry.count) - now);
    },
    failed(username: string, now: number): void {
      const entry = failures.get(key(username)) ?? { count: 0, lastAt: now };
      failures.set(key(username), { count: entry.count + 1, lastAt: now });
    },
    succeeded(username: string): void {
      failures.delete(key(username));
    },
  };
}
