import type { Role } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import { checkPasswordStrength } from '../../../shared/password-strength';
import type { AuditEntry } from '../audit/audit-log';
import type { SecondFactor } from '../auth/second-factor';
import { auditActor, type Session, type SessionService } from '../auth/session-service';
import { decideApproval, needsSecondOwner, pendingApprovals, requestApproval } from './approvals';
import type { Db } from '../db/open-database';
import { hashPassword } from './password-hash';
import { countActiveOwners, findUserByUsername, insertUser, listUsers, setUserPassword, setUserRole, setUserStatus, type UserRow } from './user-repository';

export interface UserServiceDeps {
  db: () => Db;
  sessions: SessionService;
  secondFactor: SecondFactor;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}


/** The owner's Users page: add, change role, disable (offboarding), reset password. */
export function createUserService(deps: UserServiceDeps) {
  const at = () => new Date((deps.now ?? Date.now)());

  function target(db: Db, username: string): UserRow {
    const user = findUserByUsername(db, username);
    if (!user) throw new CofferError('NOT_FOUND', 'There is no user with that username.');
    return user;
  }

  function assertStrong(password: string, username: string, field = 'password'): void {
    const problems = checkPasswordStrength(password, { username });
    if (problems[0]) throw new CofferError('INVALID_INPUT', 'Choose a stronger password.', { [field]: problems[0] });
  }

  /** The vault must always keep one active owner, or nobody could manage it again. */
  function assertKeepsAnOwner(db: Db, user: UserRow, change: { role?: Role; status?: string }): void {
    const losesOwner = user.role === 'owner' && user.status === 'active' && ((change.role && change.role !== 'owner') || (change.status && change.status !== 'active'));
    if (losesOwner && countActiveOwners(db) <= 1) {
      throw new CofferError('CONFLICT', 'This is the only active owner. Make someone else owner first.');
    }
  }

  function applyRole(db: Db, actor: Session, user: UserRow, role: Role): void {
    db.transaction(() => {
      setUserRole(db, user.id, role);
      deps.audit(db, { actor: auditActor(actor), action: 'user.role', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['role'], reason: `${user.role} -> ${role}` }, at());
    })();
    // Their open windows keep no stale rights: they sign in again under the new role.
    deps.sessions.endForUser(user.id);
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
        deps.audit(db, { actor: auditActor(actor), action: 'user.create', entity: 'user', recordId: String(id), outcome: 'ok', fields: ['role'] }, at());
      })();
      return { username: input.username };
    },

    async setRole(actor: Session, username: string, role: Role, ownerPassword: string) {
      await deps.sessions.confirmPassword(actor, ownerPassword);
      const db = deps.db();
      const user = target(db, username);
      if (user.id === actor.userId) throw new CofferError('CONFLICT', 'You cannot change your own role.');
      assertKeepsAnOwner(db, user, { role });
      // Two-person rule where a second owner exists; re-authentication alone otherwise.
      if (needsSecondOwner(db)) {
        requestApproval(db, deps.audit, actor, 'user.role', user.id, { role }, at());
        return { username: user.username, role: user.role, pending: true };
      }
      applyRole(db, actor, user, role);
      return { username: user.username, role, pending: false };
    },

    /** A 2FA switch-off for oneself: immediate with one owner, a request with two. */
    async disableOwn2fa(actor: Session, password: string): Promise<{ disabled: boolean; pending: boolean }> {
      await deps.sessions.confirmPassword(actor, password);
      const db = deps.db();
      if (deps.secondFactor.isRequired(db)) throw new CofferError('FORBIDDEN', 'The owner requires two-step sign-in for everyone.');
      if (needsSecondOwner(db)) {
        requestApproval(db, deps.audit, actor, 'user.2fa.disable', actor.userId, {}, at());
        return { disabled: false, pending: true };
      }
      deps.secondFactor.disable(auditActor(actor));
      return { disabled: true, pending: false };
    },

    pending: () => pendingApprovals(deps.db()),

    async decide(decider: Session, id: number, approve: boolean, password: string) {
      await deps.sessions.confirmPassword(decider, password);
      const db = deps.db();
      const request = db.transaction(() => {
        const decided = decideApproval(db, deps.audit, decider, id, approve, at());
        if (!approve) return decided;
        const user = db.prepare('SELECT id FROM users WHERE id = ?').get(decided.targetUserId) as { id: number } | undefined;
        if (!user) throw new CofferError('NOT_FOUND', 'That user no longer exists.');
        const row = target(db, decided.targetUsername);
        if (decided.kind === 'user.role' && decided.payload.role) {
          assertKeepsAnOwner(db, row, { role: decided.payload.role });
          applyRole(db, decider, row, decided.payload.role);
        }
        if (decided.kind === 'user.2fa.disable') deps.secondFactor.disable({ userId: row.id, username: row.username, role: row.role });
        return decided;
      })();
      return { id: request.id, approved: approve };
    },

    setStatus(actor: Session, username: string, status: 'active' | 'disabled') {
      const db = deps.db();
      const user = target(db, username);
      if (user.id === actor.userId) throw new CofferError('CONFLICT', 'You cannot disable your own account.');
      assertKeepsAnOwner(db, user, { status });
      db.transaction(() => {
        setUserStatus(db, user.id, status);
        deps.audit(db, { actor: auditActor(actor), action: status === 'active' ? 'user.enable' : 'user.disable', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['status'] }, at());
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
        deps.audit(db, { actor: auditActor(actor), action: 'user.password.reset', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['password'] }, at());
      })();
      if (user.id !== actor.userId) deps.sessions.endForUser(user.id);
      return { username: user.username };
    },

    /**
     * The user's own password: the current one first (a wrong one counts like a failed sign-in),
     * then the strength rules. Every other window of theirs is signed out; this one stays.
     */
    async changeOwnPassword(session: Session, senderId: string, oldPassword: string, newPassword: string) {
      assertStrong(newPassword, session.username, 'newPassword');
      if (newPassword === oldPassword) throw new CofferError('INVALID_INPUT', 'Choose a password different from the current one.', { newPassword: 'same-as-old' });
      try {
        await deps.sessions.confirmPassword(session, oldPassword);
      } catch (error) {
        if (error instanceof CofferError && error.code === 'UNAUTHENTICATED') {
          throw new CofferError('UNAUTHENTICATED', 'Your current password is not right. Nothing was changed.', { oldPassword: 'wrong' });
        }
        throw error;
      }
      const hash = await hashPassword(newPassword);
      const db = deps.db();
      db.transaction(() => {
        setUserPassword(db, session.userId, hash, at());
        deps.audit(db, { actor: auditActor(session), action: 'user.password.change', entity: 'user', recordId: String(session.userId), outcome: 'ok', fields: ['password'] }, at());
      })();
      return { sessionsEnded: deps.sessions.endForUser(session.userId, senderId) };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
