import type { Role } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { countOwnersWhoCanApprove } from './user-repository';

/**
 * user.status, user.password and user.create exist for owner targets only: disabling or
 * re-enabling an owner, resetting an owner's password, creating a new owner.
 */
export type ApprovalKind = 'user.role' | 'user.2fa.disable' | 'user.status' | 'user.password' | 'user.create';

export interface ApprovalPayload {
  role?: Role;
  status?: 'active' | 'disabled';
  /** user.create: the account to create (its password hash is kept apart, never listed). */
  username?: string;
  displayName?: string;
}

export interface PendingApproval {
  id: number;
  kind: ApprovalKind;
  /** Null for user.create: the account does not exist until the request is approved. */
  targetUserId: number | null;
  targetUsername: string;
  requestedBy: number;
  requestedByUsername: string;
  requestedAt: string;
  payload: ApprovalPayload;
}

type Audit = (db: Db, entry: AuditEntry, at: Date) => unknown;

/**
 * Two-person rule: needed wherever a second owner exists to approve. A locked owner (too many
 * wrong passwords) still counts: otherwise failing someone's sign-in ten times would lift the rule.
 */
export function needsSecondOwner(db: Db): boolean {
  return countOwnersWhoCanApprove(db) >= 2;
}

export function requestApproval(
  db: Db,
  audit: Audit,
  actor: Session,
  kind: ApprovalKind,
  targetUserId: number | null,
  payload: ApprovalPayload,
  at: Date,
  secret: string | null = null,
): number {
  return db.transaction(() => {
    const id = Number(
      db
        .prepare('INSERT INTO approvals (kind, target_user_id, payload, secret, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(kind, targetUserId, JSON.stringify(payload), secret, actor.userId, at.toISOString()).lastInsertRowid,
    );
    audit(db, { actor: auditActor(actor), action: 'approval.request', entity: 'approval', recordId: String(id), outcome: 'ok', reason: kind }, at);
    return id;
  })();
}

export function pendingApprovals(db: Db): PendingApproval[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.kind, a.target_user_id AS targetUserId, coalesce(t.username, json_extract(a.payload, '$.username')) AS targetUsername,
              a.requested_by AS requestedBy, r.username AS requestedByUsername, a.requested_at AS requestedAt, a.payload
         FROM approvals a LEFT JOIN users t ON t.id = a.target_user_id JOIN users r ON r.id = a.requested_by
        WHERE a.status = 'pending' ORDER BY a.id`,
    )
    .all() as (Omit<PendingApproval, 'payload'> & { payload: string })[];
  return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as ApprovalPayload }));
}

/** Whether a request of this kind already waits for this target (or, for user.create, this username). */
export function hasPendingFor(db: Db, kind: ApprovalKind, target: { userId?: number; username?: string }): boolean {
  return pendingApprovals(db).some((a) => a.kind === kind && (target.userId !== undefined ? a.targetUserId === target.userId : a.targetUsername.toLowerCase() === target.username?.toLowerCase()));
}

/**
 * Marks the request decided, with its audit row, inside the caller's transaction; the caller
 * applies the change itself when approved, with the secret returned here. The requester can
 * never approve their own request. The stored secret is cleared either way.
 */
export function decideApproval(db: Db, audit: Audit, decider: Session, id: number, approve: boolean, at: Date): PendingApproval & { secret: string | null } {
  const request = pendingApprovals(db).find((a) => a.id === id);
  if (!request) throw new CofferError('NOT_FOUND', 'That request was already decided or does not exist.');
  if (request.requestedBy === decider.userId) throw new CofferError('FORBIDDEN', 'Another owner must approve your own request.');
  const { secret } = db.prepare('SELECT secret FROM approvals WHERE id = ?').get(id) as { secret: string | null };
  db.prepare('UPDATE approvals SET status = ?, decided_by = ?, decided_at = ?, secret = NULL WHERE id = ?').run(approve ? 'approved' : 'rejected', decider.userId, at.toISOString(), id);
  audit(db, { actor: auditActor(decider), action: approve ? 'approval.approve' : 'approval.reject', entity: 'approval', recordId: String(id), outcome: 'ok', reason: request.kind }, at);
  return { ...request, secret };
}
