/**
 * Failed-sign-in back-off and lockout as a pure, in-memory state machine. The clock is passed in
 * and nothing here touches the database: the caller persists a lockout on the account (through
 * its repository) when recordFailure reports one.
 *
 * Usernames are never looked up here, so a username that does not exist is counted, delayed and
 * locked exactly like one that does: neither the delay nor the answer tells which accounts exist.
 */
export const FREE_TRIES = 3;
export const MAX_DELAY_MS = 60_000;
export const LOCK_LIMIT = 10;

/**
 * Delay owed after `failures` failures in a row: none for the first few (typos happen), then
 * 1 s, 2 s, 4 s ... capped at a minute, which makes guessing slow without punishing a real user
 * for long.
 */
export function nextDelayMs(failures: number, freeTries = FREE_TRIES, maxDelayMs = MAX_DELAY_MS): number {
  if (!Number.isFinite(failures) || failures < freeTries) return 0;
  // Clamping the exponent first keeps 2 ** n finite for absurd counts.
  const exponent = Math.min(Math.floor(failures) - freeTries, 30);
  return Math.min(maxDelayMs, 1000 * 2 ** exponent);
}

export function shouldLock(failures: number, limit = LOCK_LIMIT): boolean {
  return failures >= limit;
}

export interface ThrottleEntry {
  failures: number;
  lastFailureAt: number;
}

/** A lock has no retry time (it lasts until reset), so retryAfterMs is null there and callers must handle it. */
export type ThrottleCheck =
  | { allowed: true }
  | { allowed: false; locked: false; retryAfterMs: number }
  | { allowed: false; locked: true; retryAfterMs: null };

export interface LoginThrottleOptions {
  freeTries?: number;
  maxDelayMs?: number;
  lockLimit?: number;
}

export class LoginThrottle {
  // Deliberately unbounded: evicting entries to cap memory would let someone reset a victim's
  // count by failing on many made-up names. Entries are tiny and only the local UI adds them.
  private readonly entries = new Map<string, ThrottleEntry>();
  private readonly freeTries: number;
  private readonly maxDelayMs: number;
  private readonly lockLimit: number;

  constructor(options: LoginThrottleOptions = {}) {
    this.freeTries = options.freeTries ?? FREE_TRIES;
    this.maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS;
    this.lockLimit = options.lockLimit ?? LOCK_LIMIT;
  }

  /**
   * Call before checking the password. A locked name stays refused until recordSuccess is
   * called for it, which is also what an owner's unlock must call. The in-memory lock covers unknown names too, so they
   * answer "locked" exactly when a real account would.
   */
  check(username: string, now: number): ThrottleCheck {
    const entry = this.entries.get(key(username));
    if (!entry) return { allowed: true };
    if (shouldLock(entry.failures, this.lockLimit)) return { allowed: false, locked: true, retryAfterMs: null };
    const delay = nextDelayMs(entry.failures, this.freeTries, this.maxDelayMs);
    const retryAfterMs = Math.max(0, entry.lastFailureAt + delay - now);
    return retryAfterMs > 0 ? { allowed: false, locked: false, retryAfterMs } : { allowed: true };
  }

  /** Call on a wrong password or second factor, for unknown usernames too. */
  recordFailure(username: string, now: number): { failures: number; locked: boolean } {
    const name = key(username);
    const failures = (this.entries.get(name)?.failures ?? 0) + 1;
    this.entries.set(name, { failures, lastFailureAt: now });
    return { failures, locked: shouldLock(failures, this.lockLimit) };
  }

  /** Call after a complete sign-in (password and second factor), or when an owner unlocks the account. */
  recordSuccess(username: string): void {
    this.entries.delete(key(username));
  }

  /** A copy, for diagnostics and tests; mutating it changes nothing. */
  peek(username: string): ThrottleEntry | undefined {
    const entry = this.entries.get(key(username));
    return entry ? { ...entry } : undefined;
  }
}

/** "Lily", "lily " and "LILY" are one account to the user, so they share one counter. */
function key(username: string): string {
  return username.trim().toLowerCase();
}
