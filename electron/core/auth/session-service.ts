import type { Role, SessionUser } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import type { Db } from '../db/open-database';
import type { AuditEntry } from '../audit/audit-log';
import { hashPassword, verifyPassword } from '../users/password-hash';
import { findUserByUsername, recordLogin, type UserRow } from '../users/user-repository';

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
}

export interface SessionService {
  login(senderId: string, username: string, password: string): Promise<SessionUser>;
  /** Starts a session for a user already proven (the owner right after setup). */
  start(senderId: string, user: UserRow): SessionUser;
  current(senderId: string): Session | undefined;
  /** Re-authentication for high-risk actions: the session's own user types the password again. */
  confirmPassword(session: Session, password: string): Promise<void>;
  end(senderId: string): boolean;
  /** Every session ends when the vault locks or closes. */
  endAll(): void;
}

export interface SessionServiceOptions {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}

const WRONG = (): CofferError => new CofferError('UNAUTHENTICATED', 'The username or password is wrong.');

export function toSessionUser(session: Pick<Session, 'username' | 'displayName' | 'role'>): SessionUser {
  return { username: session.username, displayName: session.displayName, role: session.role };
}

export function createSessionService(options: SessionServiceOptions): SessionService {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  // Unknown usernames still pay for one scrypt verify, so timing does not reveal who exists.
  let decoyHash: Promise<string> | undefined;

  function start(senderId: string, user: UserRow): SessionUser {
    const at = now();
    const session: Session = { userId: user.id, username: user.username, displayName: user.displayName, role: user.role, startedAt: at, lastActiveAt: at };
    sessions.set(senderId, session);
    return toSessionUser(session);
  }

  return {
    async login(senderId, username, password) {
      const db = options.db();
      const user = findUserByUsername(db, username);
      const at = () => new Date(now());
      if (!user) {
        decoyHash ??= hashPassword('coffer-decoy-password');
        await verifyPassword(password, await decoyHash);
        // The typed name is not kept: it is as often a mistyped password as a username.
        options.audit(db, { actor: null, action: 'login.failed', outcome: 'denied', reason: 'unknown username' }, at());
        throw WRONG();
      }
      const actor = { userId: user.id, username: user.username, role: user.role };
      const ok = await verifyPassword(password, user.passwordHash);
      if (!ok) {
        options.audit(db, { actor, action: 'login.failed', outcome: 'denied', reason: 'wrong password' }, at());
        throw WRONG();
      }
      // Same answer for a disabled account as for a wrong password would hide offboarding from
      // the person offboarded, but the owner needs to know why: say it only after the password
      // proved who is asking.
      if (user.status !== 'active') {
        options.audit(db, { actor, action: 'login.failed', outcome: 'denied', reason: `account ${user.status}` }, at());
        throw new CofferError('FORBIDDEN', 'This account is disabled or locked. Ask the owner of this Coffer to re-enable it.');
      }
      db.transaction(() => {
        recordLogin(db, user.id, at());
        options.audit(db, { actor, action: 'login', outcome: 'ok' }, at());
      })();
      return start(senderId, user);
    },
    start,
    current: (senderId) => sessions.get(senderId),
    async confirmPassword(session, password) {
      const user = findUserByUsername(options.db(), session.username);
      if (!user || !(await verifyPassword(password, user.passwordHash))) {
        throw new CofferError('UNAUTHENTICATED', 'That password is not right. Nothing was changed.', { password: 'wrong' });
      }
    },
    end(senderId) {
      const session = sessions.get(senderId);
      if (!session) return false;
      sessions.delete(senderId);
      options.audit(options.db(), { actor: { userId: session.userId, username: session.username, role: session.role }, action: 'logout', outcome: 'ok' }, new Date(now()));
      return true;
    },
    endAll: () => sessions.clear(),
  };
}
