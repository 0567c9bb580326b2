import type { Role } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import { checkPasswordStrength } from '../../../shared/password-strength';
import type { AuditEntry } from '../audit/audit-log';
import type { SecondFactor } from '../auth/second-factor';
import { auditActor, type Session, type SessionService } from '../auth/session-service';
import type { ApprovalTicket } from '../approvals/approval-gate';
import type { Db } from '../db/open-database';
import { recordAccountDecision, recordAccountRestored, roleLowered } from '../privacy/ledger-record';
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
 * re-enable, reset their password, create one) is confirmed with the acting owner's password. Where
 * four-eyes approval applies, the handler's gate (core/approvals) hands in a ticket whose
 * markExecuted runs inside the change's own transaction, so one approval allows one change.
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
    if (findUserByUsername(db, username)) throw new CofferError('CONFLICT', 'That username is taken.', { username: 'taken' });
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

  function applyRole(db: Db, actor: Who, user: UserRow, role: Role, ticket: ApprovalTicket): void {
    db.transaction(() => {
      ticket.markExecuted(db);
      // The decision ledger: a restore of an older backup must not give the rights back.
      if (roleLowered(user.role, role)) recordAccountDecision(db, { kind: 'user.role', role }, user.id, at());
      else recordAccountRestored(db, { kind: 'user.role', from: user.role, to: role }, user.id, actor.userId, at());
      setUserRole(db, user.id, role);
      deps.audit(db, { actor: auditActor(actor), action: 'user.role', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['role'], reason: `${user.role} -> ${role}` }, at());
    })();
    // Their open windows keep no stale rights: they sign in again under the new role.
    deps.sessions.endForUser(user.id);
  }

  function applyStatus(db: Db, actor: Who, user: UserRow, status: Status, ticket: ApprovalTicket): number {
    db.transaction(() => {
      ticket.markExecuted(db);
      if (status === 'disabled') recordAccountDecision(db, { kind: 'user.disable' }, user.id, at());
      else recordAccountRestored(db, { kind: 'user.enable' }, user.id, actor.userId, at());
      setUserStatus(db, user.id, status);
      deps.audit(db, { actor: auditActor(actor), action: status === 'active' ? 'user.enable' : 'user.disable', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['status'] }, at());
    })();
    return status === 'disabled' ? deps.sessions.endForUser(user.id) : 0;
  }

  function applyPassword(db: Db, actor: Who, user: UserRow, hash: string, ticket: ApprovalTicket): void {
    db.transaction(() => {
      ticket.markExecuted(db);
      recordAccountDecision(db, { kind: 'user.password' }, user.id, at());
      setUserPassword(db, user.id, hash, at());
      deps.audit(db, { actor: auditActor(actor), action: 'user.password.reset', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['password'] }, at());
    })();
    deps.sessions.endForUser(user.id);
  }

  function applyCreate(db: Db, actor: Who, user: { username: string; displayName: string; role: Role }, passwordHash: string, ticket: ApprovalTicket): void {
    assertFree(db, user.username);
    db.transaction(() => {
      ticket.markExecuted(db);
      const id = insertUser(db, { ...user, passwordHash }, at());
      deps.audit(db, { actor: auditActor(actor), action: 'user.create', entity: 'user', recordId: String(id), outcome: 'ok', fields: ['role'] }, at());
    })();
  }

  return {
    list() {
      return listUsers(deps.db()).map((u) => ({ ...u, has2fa: u.has2fa === 1 }));
    },

    async create(actor: Session, input: { username: string; displayName: string; role: Role; password: string; ownerPassword?: string | undefined }, ticket: ApprovalTicket) {
      assertStrong(input.password, input.username);
      assertFree(deps.db(), input.username);
      if (input.role === 'owner') await confirmOwnerChange(actor, input.ownerPassword);
      const passwordHash = await hashPassword(input.password);
      applyCreate(deps.db(), actor, { username: input.username, displayName: input.displayName, role: input.role }, passwordHash, ticket);
      return { username: input.username };
    },

    async setRole(actor: Session, username: string, role: Role, ownerPassword: string, ticket: ApprovalTicket) {
      await deps.sessions.confirmPassword(actor, ownerPassword);
      const db = deps.db();
      const user = target(db, username);
      if (user.id === actor.userId) throw new CofferError('CONFLICT', 'You cannot change your own role.');
      assertKeepsAnOwner(db, user, { role });
      applyRole(db, actor, user, role, ticket);
      return { username: user.username, role };
    },

    /** Turning off one's own two-step sign-in (with a second owner, only under an approval: the gate). */
    async disableOwn2fa(actor: Session, password: string, ticket: ApprovalTicket): Promise<{ disabled: boolean }> {
      await deps.sessions.confirmPassword(actor, password);
      const db = deps.db();
      if (deps.secondFactor.isRequired(db)) throw new CofferError('FORBIDDEN', 'The owner requires two-step sign-in for everyone.');
      db.transaction(() => {
        ticket.markExecuted(db);
        deps.secondFactor.disable(auditActor(actor));
      })();
      return { disabled: true };
    },

    async setStatus(actor: Session, username: string, status: Status, ownerPassword: string | undefined, ticket: ApprovalTicket) {
      const db = deps.db();
      const user = target(db, username);
      if (user.id === actor.userId) throw new CofferError('CONFLICT', 'You cannot disable your own account.');
      assertKeepsAnOwner(db, user, { status });
      if (user.role === 'owner') await confirmOwnerChange(actor, ownerPassword);
      return { username: user.username, status, sessionsEnded: applyStatus(db, actor, user, status, ticket) };
    },

    async resetPassword(actor: Session, username: string, newPassword: string, ownerPassword: string | undefined, ticket: ApprovalTicket) {
      const db = deps.db();
      const user = target(db, username);
      // One's own password needs the current one (account.changePassword), not a reset.
      if (user.id === actor.userId) throw new CofferError('CONFLICT', 'Change your own password under “Change my password”.');
      assertStrong(newPassword, user.username);
      if (user.role === 'owner') await confirmOwnerChange(actor, ownerPassword);
      applyPassword(db, actor, user, await hashPassword(newPassword), ticket);
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
