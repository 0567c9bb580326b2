import type { Role } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import { checkPasswordStrength } from '../../../shared/password-strength';
import type { AuditEntry } from '../audit/audit-log';
import type { SecondFactor } from '../auth/second-factor';
import { auditActor, type Session, type SessionService } from '../auth/session-service';
import { decideApproval, hasPendingFor, needsSecondOwner, pendingApprovals, requestApproval } from './approvals';
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

type Who = { userId: number; username: string; role: Role };
type Status = 'active' | 'disabled';

/**
 * The owner's Users page: add, change role, disable (offboarding), reset password; and one's own
 * password. Any change that adds, removes or takes over an owner (promote, demote, disable,
 * re-enable, reset their password, create one) is confirmed with the acting owner's password and,
 * where a second owner exists, waits for that owner's approval (approvals.ts).
 */
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

  function assertFree(db: Db, username: string): void {
    if (findUserByUsername(db, username) || hasPendingFor(db, 'user.create', { username })) throw new CofferError('CONFLICT', 'That username is taken.', { username: 'taken' });
  }

  /** The vault must always keep one active owner, or nobody could manage it again. */
  function assertKeepsAnOwner(db: Db, user: UserRow, change: { role?: Role; status?: string }): void {
    const losesOwner = user.role === 'owner' && user.status === 'active' && ((change.role && change.role !== 'owner') || (change.status && change.status !== 'active'));
    if (losesOwner && countActiveOwners(db) <= 1) {
      throw new CofferError('CONFLICT', 'This is the only active owner. Make someone else owner first.');
    }
  }

  /** A change to an owner account: the acting owner types their password (a one-owner vault's second person). */
  async function confirmOwnerChange(actor: Session, ownerPassword: string | undefined): Promise<void> {
    if (ownerPassword === undefined) throw new CofferError('INVALID_INPUT', 'Type your own password to confirm a change to an owner account.', { ownerPassword: 'required' });
    await deps.sessions.confirmPassword(actor, ownerPassword);
  }

  function assertNotPending(db: Db, kind: 'user.status' | 'user.password', user: UserRow): void {
    if (hasPendingFor(db, kind, { userId: user.id })) throw new CofferError('CONFLICT', 'A request for this change already waits for the other owner.');
  }

  function applyRole(db: Db, actor: Who, user: UserRow, role: Role): void {
    db.transaction(() => {
      setUserRole(db, user.id, role);
      deps.audit(db, { actor: auditActor(actor), action: 'user.role', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['role'], reason: `${user.role} -> ${role}` }, at());
    })();
    // Their open windows keep no stale rights: they sign in again under the new role.
    deps.sessions.endForUser(user.id);
  }

  function applyStatus(db: Db, actor: Who, user: UserRow, status: Status): number {
    db.transaction(() => {
      setUserStatus(db, user.id, status);
      deps.audit(db, { actor: auditActor(actor), action: status === 'active' ? 'user.enable' : 'user.disable', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['status'] }, at());
    })();
    return status === 'disabled' ? deps.sessions.endForUser(user.id) : 0;
  }

  function applyPassword(db: Db, actor: Who, user: UserRow, hash: string): void {
    db.transaction(() => {
      setUserPassword(db, user.id, hash, at());
      deps.audit(db, { actor: auditActor(actor), action: 'user.password.reset', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['password'] }, at());
    })();
    deps.sessions.endForUser(user.id);
  }

  function applyCreate(db: Db, actor: Who, user: { username: string; displayName: string; role: Role }, passwordHash: string): void {
    assertFree(db, user.username);
    db.transaction(() => {
      const id = insertUser(db, { ...user, passwordHash }, at());
      deps.audit(db, { actor: auditActor(actor), action: 'user.create', entity: 'user', recordId: String(id), outcome: 'ok', fields: ['role'] }, at());
    })();
  }

  return {
    list() {
      return listUsers(deps.db()).map((u) => ({ ...u, has2fa: u.has2fa === 1 }));
    },

    async create(actor: Session, input: { username: string; displayName: string; role: Role; password: string; ownerPassword?: string | undefined }) {
      assertStrong(input.password, input.username);
      assertFree(deps.db(), input.username);
      if (input.role === 'owner') await confirmOwnerChange(actor, input.ownerPassword);
      const passwordHash = await hashPassword(input.password);
      const db = deps.db();
      const user = { username: input.username, displayName: input.displayName, role: input.role };
      if (input.role === 'owner' && needsSecondOwner(db)) {
        assertFree(db, input.username);
        requestApproval(db, deps.audit, actor, 'user.create', null, user, at(), passwordHash);
        return { username: input.username, pending: true };
      }
      applyCreate(db, actor, user, passwordHash);
      return { username: input.username, pending: false };
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
        const { kind, payload, secret } = decided;
        if (kind === 'user.create') {
          if (!secret || !payload.username || !payload.displayName) throw new CofferError('CONFLICT', 'This request is incomplete. Reject it and ask again.');
          applyCreate(db, decider, { username: payload.username, displayName: payload.displayName, role: 'owner' }, secret);
          return decided;
        }
        const row = db.prepare('SELECT username FROM users WHERE id = ?').get(decided.targetUserId) as { username: string } | undefined;
        if (!row) throw new CofferError('NOT_FOUND', 'That user no longer exists.');
        const user = target(db, row.username);
        if (kind === 'user.role' && payload.role) {
          assertKeepsAnOwner(db, user, { role: payload.role });
          applyRole(db, decider, user, payload.role);
        }
        if (kind === 'user.status' && payload.status) {
          assertKeepsAnOwner(db, user, { status: payload.status });
          applyStatus(db, decider, user, payload.status);
        }
        if (kind === 'user.password') {
          if (!secret) throw new CofferError('CONFLICT', 'This request is incomplete. Reject it and ask again.');
          applyPassword(db, decider, user, secret);
        }
        if (kind === 'user.2fa.disable') deps.secondFactor.disable({ userId: user.id, username: user.username, role: user.role });
        return decided;
      })();
      return { id: request.id, approved: approve };
    },

    async setStatus(actor: Session, username: string, status: Status, ownerPassword?: string) {
      const db = deps.db();
      const user = target(db, username);
      if (user.id === actor.userId) throw new CofferError('CONFLICT', 'You cannot disable your own account.');
      assertKeepsAnOwner(db, user, { status });
      if (user.role === 'owner') {
        await confirmOwnerChange(actor, ownerPassword);
        // Re-opening a locked owner changes no one's say: locked owners count for the rule already.
        const changesOwners = user.status !== status && !(user.status === 'locked' && status === 'active');
        if (changesOwners && needsSecondOwner(db)) {
          assertNotPending(db, 'user.status', user);
          requestApproval(db, deps.audit, actor, 'user.status', user.id, { status }, at());
          return { username: user.username, status: user.status, sessionsEnded: 0, pending: true };
        }
      }
      return { username: user.username, status, sessionsEnded: applyStatus(db, actor, user, status), pending: false };
    },

    async resetPassword(actor: Session, username: string, newPassword: string, ownerPassword?: string) {
      const db = deps.db();
      const user = target(db, username);
      // One's own password needs the current one (account.changePassword), not a reset.
      if (user.id === actor.userId) throw new CofferError('CONFLICT', 'Change your own password under “Change my password”.');
      assertStrong(newPassword, user.username);
      if (user.role === 'owner') await confirmOwnerChange(actor, ownerPassword);
      const hash = await hashPassword(newPassword);
      if (user.role === 'owner' && needsSecondOwner(db)) {
        assertNotPending(db, 'user.password', user);
        requestApproval(db, deps.audit, actor, 'user.password', user.id, {}, at(), hash);
        return { username: user.username, pending: true };
      }
      applyPassword(db, actor, user, hash);
      return { username: user.username, pending: false };
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
