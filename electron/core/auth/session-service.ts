import type { Role, SessionUser } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import type { AuditEntry } from '../audit/audit-log';
import { getMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { hashPassword, verifyPassword } from '../users/password-hash';
import { findUserByUsername, recordFailedLogin, recordLogin, resetFailedLogins, setUserStatus, type UserRow } from '../users/user-repository';
import { createLoginBackoff } from './login-backoff';
import type { SecondFactor } from './second-factor';

/**
 * Sessions live in main and are keyed by the calling window (the router's senderId, which main
 * derives from event.sender). The renderer never holds a token: there is nothing to steal or
 * replay, and a session ends when its window goes away.
 */
export interface Session {
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly startedAt: number;
  lastActiveAt: number;
  /** Locked by "Lock now" or by idling: the same user's password opens it again. */
  locked: boolean;
  /** The owner requires 2FA and this user has none yet: only enrolment is allowed. */
  mustEnroll2fa: boolean;
  /** Wrong passwords in a row typed to confirm a sensitive action; the session locks at REENTRY_LOCK_AFTER. */
  reentryFailures?: number;
}

export interface SessionService {
  login(senderId: string, username: string, password: string, code?: string): Promise<SessionUser>;
  /** Starts a session for a user already proven (the owner right after setup). */
  start(senderId: string, user: UserRow): SessionUser;
  /** The caller's session, locked first if it has been idle too long. */
  current(senderId: string): Session | undefined;
  /**
   * Locks every session idle too long, exactly as `current` would on its next call (same audit,
   * once), so main can bring the lock screen up without waiting for a click. Returns the
   * senderIds it locked just now.
   */
  lockIdle(): string[];
  lock(senderId: string): boolean;
  /** Marks activity on the session (every authorized call). */
  touch(session: Session): void;
  unlock(senderId: string, password: string): Promise<SessionUser>;
  /**
   * Re-authentication for high-risk actions: the session's own user types the password again.
   * Treated like a sign-in: the same back-off, audited failures, the account's lockout counter,
   * and the session locks after REENTRY_LOCK_AFTER wrong passwords in a row.
   */
  confirmPassword(session: Session, password: string): Promise<void>;
  end(senderId: string): boolean;
  /** Offboarding: every window of that user is signed out at once (but `keepSenderId`, if given). */
  endForUser(userId: number, keepSenderId?: string): number;
  /** Locks every window of this user at once (a monitoring rule suspended the account); returns how many. */
  lockForUser(userId: number, reason: string): number;
  endAll(): void;
}

export interface SessionServiceOptions {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  secondFactor: SecondFactor;
  now?: () => number;
  /** A session was locked or ended: what main holds for it in memory (an open import file) is let go. */
  onRelease?: (session: Session) => void;
}

/** After this many wrong passwords in a row the account is locked until the owner re-enables it. */
export const LOCKOUT_AFTER = 10;
export const DEFAULT_IDLE_MINUTES = 15;
/** Wrong passwords in a row, typed to confirm an action, after which the session locks. */
export const REENTRY_LOCK_AFTER = 5;

const WRONG = (): CofferError => new CofferError('UNAUTHENTICATED', 'The username or password is wrong.');
const rateLimited = (waitMs: number): CofferError => new CofferError('RATE_LIMITED', `Too many attempts. Wait ${Math.ceil(waitMs / 1000)} seconds and try again.`);

/** Who did it, as the audit log records it: ids and names, never a secret. */
export function auditActor(who: { userId: number; username: string; role: Role }): { userId: number; username: string; role: Role } {
  return { userId: who.userId, username: who.username, role: who.role };
}

export function toSessionUser(session: Pick<Session, 'username' | 'displayName' | 'role'>): SessionUser {
  return { username: session.username, displayName: session.displayName, role: session.role };
}

export function idleLimitMs(db: Db): number {
  const minutes = Number(getMeta(db, 'auth.idleMinutes') ?? DEFAULT_IDLE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_IDLE_MINUTES) * 60_000;
}

export function createSessionService(options: SessionServiceOptions): SessionService {
  const now = options.now ?? Date.now;
  const at = () => new Date(now());
  const sessions = new Map<string, Session>();
  const backoff = createLoginBackoff();
  // Unknown usernames still pay for one scrypt verify, so timing does not reveal who exists.
  let decoyHash: Promise<string> | undefined;

  function start(senderId: string, user: UserRow): SessionUser {
    const db = options.db();
    const mustEnroll2fa = options.secondFactor.isRequired(db) && !options.secondFactor.isEnrolled(db, user.id);
    const session: Session = { userId: user.id, username: user.username, displayName: user.displayName, role: user.role, startedAt: now(), lastActiveAt: now(), locked: false, mustEnroll2fa, reentryFailures: 0 };
    sessions.set(senderId, session);
    return toSessionUser(session);
  }

  async function passwordMatches(username: string, password: string): Promise<boolean> {
    const user = findUserByUsername(options.db(), username);
    return user !== undefined && (await verifyPassword(password, user.passwordHash));
  }

  /** The one idle rule, for the lazy path (current) and main's timer (lockIdle): true if it locked now. */
  function lockIfIdle(session: Session, limitMs: number): boolean {
    if (session.locked || now() - session.lastActiveAt <= limitMs) return false;
    session.locked = true;
    options.onRelease?.(session);
    options.audit(options.db(), { actor: auditActor(session), action: 'session.locked', outcome: 'ok', reason: 'idle' }, at());
    return true;
  }

  function endForUser(userId: number, keepSenderId?: string): number {
    let ended = 0;
    for (const [senderId, session] of sessions) {
      if (session.userId !== userId || senderId === keepSenderId) continue;
      sessions.delete(senderId);
      options.onRelease?.(session);
      ended += 1;
    }
    return ended;
  }

  function lockForUser(userId: number, reason: string): number {
    let locked = 0;
    for (const session of sessions.values()) {
      if (session.userId !== userId || session.locked) continue;
      session.locked = true;
      options.onRelease?.(session);
      options.audit(options.db(), { actor: auditActor(session), action: 'session.locked', outcome: 'ok', reason }, at());
      locked += 1;
    }
    return locked;
  }

  return {
    async login(senderId, username, password, code) {
      const db = options.db();
      const wait = backoff.retryAfter(username, now());
      if (wait > 0) throw rateLimited(wait);
      const user = findUserByUsername(db, username);
      if (!user) {
        decoyHash ??= hashPassword('coffer-decoy-password');
        await verifyPassword(password, await decoyHash);
        backoff.failed(username, now());
        // The typed name is not kept: it is as often a mistyped password as a username.
        options.audit(db, { actor: null, action: 'login.failed', outcome: 'denied', reason: 'unknown username' }, at());
        throw WRONG();
      }
      const actor = auditActor({ userId: user.id, username: user.username, role: user.role });
      if (!(await verifyPassword(password, user.passwordHash))) {
        backoff.failed(username, now());
        db.transaction(() => {
          const failures = recordFailedLogin(db, user.id);
          options.audit(db, { actor, action: 'login.failed', outcome: 'denied', reason: 'wrong password' }, at());
          if (failures >= LOCKOUT_AFTER && user.status === 'active') {
            setUserStatus(db, user.id, 'locked');
            options.audit(db, { actor, action: 'lockout', outcome: 'ok', reason: `${failures} failed sign-ins` }, at());
          }
        })();
        throw WRONG();
      }
      // A disabled or locked account is named only after the password proved who is asking.
      if (user.status !== 'active') {
        options.audit(db, { actor, action: 'login.failed', outcome: 'denied', reason: `account ${user.status}` }, at());
        throw new CofferError('FORBIDDEN', 'This account is disabled or locked. Ask the owner of this Coffer to re-enable it.');
      }
      try {
        options.secondFactor.check(db, actor, code);
      } catch (error) {
        if (error instanceof CofferError && error.code === 'UNAUTHENTICATED') backoff.failed(username, now());
        throw error;
      }
      backoff.succeeded(username);
      db.transaction(() => {
        recordLogin(db, user.id, at());
        resetFailedLogins(db, user.id);
        options.audit(db, { actor, action: 'login', outcome: 'ok' }, at());
      })();
      return start(senderId, user);
    },
    start,
    current(senderId) {
      const session = sessions.get(senderId);
      if (session) lockIfIdle(session, idleLimitMs(options.db()));
      return session;
    },
    lockIdle() {
      if (sessions.size === 0) return [];
      const limit = idleLimitMs(options.db());
      return [...sessions].filter(([, session]) => lockIfIdle(session, limit)).map(([senderId]) => senderId);
    },
    touch(session) {
      session.lastActiveAt = now();
    },
    lock(senderId) {
      const session = sessions.get(senderId);
      if (!session || session.locked) return false;
      session.locked = true;
      options.onRelease?.(session);
      options.audit(options.db(), { actor: auditActor(session), action: 'session.locked', outcome: 'ok', reason: 'lock now' }, at());
      return true;
    },
    async unlock(senderId, password) {
      const session = sessions.get(senderId);
      if (!session) throw new CofferError('UNAUTHENTICATED', 'Sign in to continue.');
      const wait = backoff.retryAfter(session.username, now());
      if (wait > 0) throw rateLimited(wait);
      if (!(await passwordMatches(session.username, password))) {
        backoff.failed(session.username, now());
        options.audit(options.db(), { actor: auditActor(session), action: 'login.failed', outcome: 'denied', reason: 'unlock: wrong password' }, at());
        throw new CofferError('UNAUTHENTICATED', 'That password is not right.', { password: 'wrong' });
      }
      // An account suspended (by an owner or a monitoring rule) while this window was locked stays out.
      if (findUserByUsername(options.db(), session.username)?.status !== 'active') {
        options.audit(options.db(), { actor: auditActor(session), action: 'login.failed', outcome: 'denied', reason: 'unlock: account not active' }, at());
        throw new CofferError('FORBIDDEN', 'This account is disabled or locked. Ask the owner of this Coffer to re-enable it.');
      }
      backoff.succeeded(session.username);
      session.locked = false;
      session.reentryFailures = 0;
      session.lastActiveAt = now();
      options.audit(options.db(), { actor: auditActor(session), action: 'session.unlocked', outcome: 'ok' }, at());
      return toSessionUser(session);
    },
    async confirmPassword(session, password) {
      const wait = backoff.retryAfter(session.username, now());
      if (wait > 0) throw rateLimited(wait);
      const db = options.db();
      const user = findUserByUsername(db, session.username);
      if (user && (await verifyPassword(password, user.passwordHash))) {
        backoff.succeeded(session.username);
        session.reentryFailures = 0;
        if (user.status === 'active') resetFailedLogins(db, user.id);
        return;
      }
      backoff.failed(session.username, now());
      const inARow = (session.reentryFailures ?? 0) + 1;
      session.reentryFailures = inARow;
      const actor = auditActor(session);
      let lockedOut = false;
      db.transaction(() => {
        options.audit(db, { actor, action: 'login.failed', outcome: 'denied', reason: 're-entry: wrong password' }, at());
        if (inARow >= REENTRY_LOCK_AFTER) {
          session.locked = true;
          options.audit(db, { actor, action: 'session.locked', outcome: 'ok', reason: `${inARow} wrong passwords` }, at());
        }
        if (!user) return;
        const failures = recordFailedLogin(db, user.id);
        if (failures >= LOCKOUT_AFTER && user.status === 'active') {
          setUserStatus(db, user.id, 'locked');
          options.audit(db, { actor, action: 'lockout', outcome: 'ok', reason: `${failures} failed sign-ins` }, at());
          lockedOut = true;
        }
      })();
      // A locked account keeps no open window, as if it had signed in now and been refused.
      if (lockedOut) endForUser(session.userId);
      if (session.locked) options.onRelease?.(session);
      if (session.locked || lockedOut) throw new CofferError('LOCKED', 'Too many wrong passwords: Coffer is locked. Enter your password to continue.');
      throw new CofferError('UNAUTHENTICATED', 'That password is not right. Nothing was changed.', { password: 'wrong' });
    },
    end(senderId) {
      const session = sessions.get(senderId);
      if (!session) return false;
      sessions.delete(senderId);
      options.onRelease?.(session);
      options.audit(options.db(), { actor: auditActor(session), action: 'logout', outcome: 'ok' }, at());
      return true;
    },
    endForUser,
    lockForUser,
    endAll: () => {
      for (const session of sessions.values()) options.onRelease?.(session);
      sessions.clear();
    },
  };
}
