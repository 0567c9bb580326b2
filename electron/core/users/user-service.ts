import type { Role } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import { checkPasswordStrength } from '../../../shared/password-strength';
import type { AuditEntry } from '../audit/audit-log';
import type { Session, SessionService } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { hashPassword } from './password-hash';
import { countActiveOwners, findUserByUsername, insertUser, listUsers, setUserPassword, setUserRole, setUserStatus, type UserRow } from './user-repository';

export interface UserServiceDeps {
  db: () => Db;
  sessions: SessionService;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}

const actorOf = (s: Session) => ({ userId: s.userId, username: s.username, role: s.role });

/** The owner's Users page: add, change role, disable (offboarding), reset password. */
export function createUserService(deps: UserServiceDeps) {
  const at = () => new Date((deps.now ?? Date.now)());

  function target(db: Db, username: string): UserRow {
    const user = findUserByUsername(db, username);
    if (!user) throw new CofferError('NOT_FOUND', 'There is no user with that username.');
    return user;
  }

  function assertStrong(password: string, username: string): void {
    const problems = checkPasswordStrength(password, { username });
    if (problems[0]) throw new CofferError('INVALID_INPUT', 'Choose a stronger password.', { password: problems[0] });
  }

  /** The vault must always keep one active owner, or nobody could manage it again. */
  function assertKeepsAnOwner(db: Db, user: UserRow, change: { role?: Role; status?: string }): void {
    const losesOwner = user.role === 'owner' && user.status === 'active' && ((change.role && change.role !== 'owner') || (change.status && change.status !== 'active'));
    if (losesOwner && countActiveOwners(db) <= 1) {
      throw new CofferError('CONFLICT', 'This is the only active owner. Make someone else owner first.');
    }
  }

  return {
    list() {
      return listUsers(deps.db()).map((u) => ({ ...u, has2fa: u.has2fa === 1 }));
    },

    async create(actor: Session, input: { username: string; displayName: string; role: Role; password: string }) {
      assertStrong(input.password, input.username);
      const passwordHash = await hashPassword(input.password);
      const db = deps.db();
      if (findUserByUsername(db, input.username)) throw new CofferError('CONFLICT', 'That username is taken.', { username: 'taken' });
      db.transaction(() => {
        const id = insertUser(db, { username: input.username, displayName: input.displayName, role: input.role, passwordHash }, at());
        deps.audit(db, { actor: actorOf(actor), action: 'user.create', entity: 'user', recordId: String(id), outcome: 'ok', fields: ['role'] }, at());
      })();
      return { username: input.username };
    },

    async setRole(actor: Session, username: string, role: Role, ownerPassword: string) {
      await deps.sessions.confirmPassword(actor, ownerPassword);
      const db = deps.db();
      const user = target(db, username);
      if (user.id === actor.userId) throw new CofferError('CONFLICT', 'You cannot change your own role.');
      assertKeepsAnOwner(db, user, { role });
      db.transaction(() => {
        setUserRole(db, user.id, role);
        deps.audit(db, { actor: actorOf(actor), action: 'user.role', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['role'], reason: `${user.role} -> ${role}` }, at());
      })();
      // Their open windows keep no stale rights: they sign in again under the new role.
      deps.sessions.endForUser(user.id);
      return { username: user.username, role };
    },

    setStatus(actor: Session, username: string, status: 'active' | 'disabled') {
      const db = deps.db();
      const user = target(db, username);
      if (user.id === actor.userId) throw new CofferError('CONFLICT', 'You cannot disable your own account.');
      assertKeepsAnOwner(db, user, { status });
      db.transaction(() => {
        setUserStatus(db, user.id, status);
        deps.audit(db, { actor: actorOf(actor), action: status === 'active' ? 'user.enable' : 'user.disable', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['status'] }, at());
      })();
      const sessionsEnded = status === 'disabled' ? deps.sessions.endForUser(user.id) : 0;
      return { username: user.username, status, sessionsEnded };
    },

    async resetPassword(actor: Session, username: string, newPassword: string) {
      const db = deps.db();
      const user = target(db, username);
      assertStrong(newPassword, user.username);
      const hash = await hashPassword(newPassword);
      db.transaction(() => {
        setUserPassword(db, user.id, hash, at());
        deps.audit(db, { actor: actorOf(actor), action: 'user.password.reset', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['password'] }, at());
      })();
      if (user.id !== actor.userId) deps.sessions.endForUser(user.id);
      return { username: user.username };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
