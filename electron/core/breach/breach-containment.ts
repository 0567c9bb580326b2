import type { BreachDetail } from '../../../shared/channels/breach';
import { CofferError } from '../../../shared/errors';
import type { ApprovalService } from '../approvals/approval-service';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session, type SessionService } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { findUserByUsername } from '../users/user-repository';
import type { UserService } from '../users/user-service';
import { rotateKeyAudited } from '../vault/rotate-key-audited';
import type { VaultService } from '../vault/vault-service';
import type { BreachService } from './breach-service';

export interface ContainmentDeps {
  breach: BreachService;
  users: UserService;
  sessions: SessionService;
  approvals: ApprovalService;
  vault: VaultService;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}

export interface ContainInput {
  id: number;
  action: 'disable-user' | 'end-sessions' | 'rotate-key';
  password?: string | undefined;
  ownerPassword?: string | undefined;
  approvalId?: number | undefined;
}

/**
 * Containment from the incident record. Each button runs the path the rest of the app uses
 * (the Users page's disable with its approval gate and owner rules; the key rotation with the
 * password again), which writes its own audit row; the record's timeline then logs the step.
 */
export function createContainment(deps: ContainmentDeps) {
  const now = () => new Date((deps.now ?? Date.now)());

  /** The account on the record; containment of a person needs one named there first. */
  function subject(id: number) {
    const row = deps.breach.find(id);
    if (!row.subjectUsername) throw new CofferError('CONFLICT', 'Name the account involved on the record first.', { username: 'required' });
    const user = findUserByUsername(deps.vault.db(), row.subjectUsername);
    if (!user) throw new CofferError('NOT_FOUND', 'That account no longer exists.');
    return user;
  }

  return {
    async contain(session: Session, input: ContainInput): Promise<{ detail: BreachDetail; sessionsEnded: number }> {
      // Audit field names are identifiers: contain.disableUser, contain.endSessions, contain.rotateKey.
      const event = { action: 'breach.update' as const, fields: [`contain.${input.action.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}`] };
      if (input.action === 'disable-user') {
        const user = subject(input.id);
        if (user.status === 'disabled') throw new CofferError('CONFLICT', 'That account is already disabled.');
        const change = { username: user.username, status: 'disabled' as const, ...(input.ownerPassword ? { ownerPassword: input.ownerPassword } : {}), ...(input.approvalId !== undefined ? { approvalId: input.approvalId } : {}) };
        const ticket = deps.approvals.gate(session, 'users.setStatus', change);
        const done = await deps.users.setStatus(session, user.username, 'disabled', input.ownerPassword, ticket);
        const detail = deps.breach.record(session, input.id, 'disable-user', { username: user.username, sessionsEnded: done.sessionsEnded }, { ...event, reason: `user=${user.id}` });
        return { detail, sessionsEnded: done.sessionsEnded };
      }
      if (input.action === 'end-sessions') {
        const user = subject(input.id);
        if (user.id === session.userId) throw new CofferError('CONFLICT', 'You cannot end your own sessions from here: use Sign out.');
        const ended = deps.sessions.endForUser(user.id);
        const db = deps.vault.db();
        // Ending someone's windows is a sign-out done to them: the same audit action, on their
        // account, committed with the record's timeline event (a crash leaves both or neither).
        const detail = db.transaction(() => {
          deps.audit(db, { actor: auditActor(session), action: 'logout', entity: 'user', recordId: String(user.id), outcome: 'ok', reason: `ended by owner (breach ${input.id}): ${ended}` }, now());
          return deps.breach.record(session, input.id, 'end-sessions', { username: user.username, sessionsEnded: ended }, { ...event, reason: `user=${user.id} ended=${ended}` });
        })();
        return { detail, sessionsEnded: ended };
      }
      if (input.password === undefined) throw new CofferError('INVALID_INPUT', 'Type your password to rotate the database key.', { password: 'required' });
      deps.breach.find(input.id);
      await rotateKeyAudited({ sessions: deps.sessions, vault: deps.vault, audit: deps.audit, now: () => now().getTime() }, session, input.password);
      return { detail: deps.breach.record(session, input.id, 'rotate-key', {}, event), sessionsEnded: 0 };
    },
  };
}

export type Containment = ReturnType<typeof createContainment>;
