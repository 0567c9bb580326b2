import type { Role } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { countActiveOwners } from './user-repository';

export type ApprovalKind = 'user.role' | 'user.2fa.disable';

export interface PendingApproval {
  id: number;
  kind: ApprovalKind;
  targetUserId: number;
  targetUsername: string;
  requestedBy: number;
  requestedByUsername: string;
  requestedAt: string;
  payload: { role?: Role };
}

type Audit = (db: Db, entry: AuditEntry, at: Date) => unknown;

/** Two-person rule: needed only where a second owner exists to approve. */
export function needsSecondOwner(db: Db): boolean {
  return countActiveOwners(db) >= 2;
}

export function requestApproval(db: Db, audit: Audit, actor: Session, kind: ApprovalKind, targetUserId: number, payload: PendingApproval['payload'], at: Date): number {
  return db.transaction(() => {
    const id = Number(
      db.prepare('INSERT INTO approvals (kind, target_user_id, payload, requested_by, requested_at) VALUES (?, ?, ?, ?, ?)').run(kind, targetUserId, JSON.stringify(payload), actor.userId, at.toISOString())
        .lastInsertRowid,
    );
    audit(db, { actor: auditActor(actor), action: 'approval.request', entity: 'approval', recordId: String(id), outcome: 'ok', reason: kind }, at);
    return id;
  })();
}

export function pendingApprovals(db: Db): PendingApproval[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.kind, a.target_user_id AS targetUserId, t.username AS targetUsername, a.requested_by AS requestedBy,
              r.username AS requestedByUsername, a.requested_at AS requestedAt, a.payload
         FROM approvals a JOIN users t ON t.id = a.target_user_id JOIN users r ON r.id = a.requested_by
        WHERE a.status = 'pending' ORDER BY a.id`,
    )
    .all() as (Omit<PendingApproval, 'payload'> & { payload: string })[];
  return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as PendingApproval['payload'] }));
}

/**
 * Marks the request decided, with its audit row, inside the caller's transaction; the caller
 * applies the change itself when approved. The requester can never approve their own request.
 */
export function decideApproval(db: Db, audit: Audit, decider: Session, id: number, approve: boolean, at: Date): PendingApproval {
  const request = pendingApprovals(db).find((a) => a.id === id);
  if (!request) throw new CofferError('NOT_FOUND', 'That request was already decided or does not exist.');
  if (request.requestedBy === decider.userId) throw new CofferError('FORBIDDEN', 'Another owner must approve your own request.');
  db.prepare('UPDATE approvals SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(approve ? 'approved' : 'rejected', decider.userId, at.toISOString(), id);
  audit(db, { actor: auditActor(decider), action: approve ? 'approval.approve' : 'approval.reject', entity: 'approval', recordId: String(id), outcome: 'ok', reason: request.kind }, at);
  return request;
}
