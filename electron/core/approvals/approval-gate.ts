import { isApprovalOperation, type ApprovalOperation, type ApprovalRequiredFields } from '../../../shared/approvals';
import { contract, isChannelName } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import { can } from '../../../shared/permissions';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { canonicalJson, payloadHash, payloadOf } from './canonical';
import { assess, type Assessment } from './approval-policy';
import { dueToExpire, findApproval, findUserById, moveApproval } from './approval-repository';

type Audit = (db: Db, entry: AuditEntry, at: Date) => unknown;

/**
 * What a gated operation gets from the gate: the approval it runs under (null when none was
 * needed) and `markExecuted`, which the operation calls INSIDE its own transaction so the
 * approval is used once, together with the change it allowed.
 */
export interface ApprovalTicket {
  approvalId: number | null;
  markExecuted(db: Db): void;
}

export const NO_APPROVAL: ApprovalTicket = { approvalId: null, markExecuted: () => undefined };

/** The permission the operation's own channel needs (fail closed for one not in the contract yet). */
export function permissionOf(op: ApprovalOperation): string {
  return isChannelName(op) ? contract[op].permission : 'none';
}

/** Lazily moves every open request past its expiry to 'expired', one audit row each, once. */
export function expireDue(db: Db, audit: Audit, at: Date): void {
  const due = dueToExpire(db, at.toISOString());
  if (due.length === 0) return;
  db.transaction(() => {
    for (const row of due) {
      if (moveApproval(db, row.id, ['pending', 'approved'], 'expired')) {
        audit(db, { actor: null, action: 'approval.expire', entity: 'approval', recordId: String(row.id), outcome: 'ok', reason: row.operation }, at);
      }
    }
  })();
}

export function approvalRequired(op: ApprovalOperation, a: Assessment): CofferError {
  const fields: ApprovalRequiredFields = { operation: op, confirm: a.confirm, ...(a.rows !== null ? { rows: String(a.rows) } : {}), ...(a.noSecondPerson ? { noSecondPerson: 'yes' as const } : {}) };
  return new CofferError('APPROVAL_REQUIRED', "This needs a second person's approval. Ask for it, then run it again once approved.", { ...fields });
}

/**
 * The gate every gated operation passes (issue 15). Decides from the policy and this very input
 * whether approval is needed; without `approvalId` then, APPROVAL_REQUIRED. With one, the request
 * must be approved, the caller's own, for this operation and this exact input (hash of the input
 * minus secrets), the same number of rows, not expired, past its cooling-off and not yet run; the
 * requester must still hold the operation's permission. Any refusal changes nothing but its audit row.
 */
export function requireApproval(db: Db, audit: Audit, session: Session, operation: string, input: Record<string, unknown>, at: Date): ApprovalTicket {
  if (!isApprovalOperation(operation)) return NO_APPROVAL;
  const approvalId = typeof input.approvalId === 'number' ? input.approvalId : undefined;
  const assessment = assess(db, session, operation, input, at);
  if (approvalId === undefined) {
    if (!assessment.needed) return NO_APPROVAL;
    throw approvalRequired(operation, assessment);
  }
  expireDue(db, audit, at);
  const refuse = (why: string, error: CofferError): never => {
    audit(db, { actor: auditActor(session), action: 'approval.execute', entity: 'approval', recordId: String(approvalId), outcome: 'rejected', reason: `${operation} ${why}` }, at);
    throw error;
  };
  const request = findApproval(db, approvalId);
  if (!request || request.requestedBy !== session.userId || request.operation !== operation) {
    return refuse('not-yours', new CofferError('NOT_FOUND', 'There is no such approved request of yours for this.'));
  }
  if (request.state !== 'approved') {
    return refuse(request.state, new CofferError('CONFLICT', `This request is ${request.state}; it cannot be run.`, { approval: request.state }));
  }
  if (payloadHash(canonicalJson(payloadOf(input))) !== request.payloadHash) {
    return refuse('payload_changed', new CofferError('CONFLICT', 'This is not what was approved. It needs a new approval.', { approval: 'payload_changed' }));
  }
  if (request.rows !== null && assessment.rows !== request.rows) {
    return refuse('rows_changed', new CofferError('CONFLICT', 'The customers it covers changed since it was approved. It needs a new approval.', { approval: 'payload_changed' }));
  }
  if (request.usableAfter !== null && at.toISOString() < request.usableAfter) {
    return refuse('cooling_off', new CofferError('CONFLICT', 'This approval can be used a little later (cooling-off).', { approval: 'cooling_off', usableAfter: request.usableAfter }));
  }
  // Permissions again, from the account as it is now (a demotion since the request refuses it).
  const user = findUserById(db, session.userId);
  if (!user || user.status !== 'active' || user.role !== session.role || !can(user.role, permissionOf(operation))) {
    return refuse('forbidden', new CofferError('FORBIDDEN', 'Your role does not allow this.'));
  }
  return {
    approvalId,
    markExecuted(txDb: Db) {
      if (!moveApproval(txDb, approvalId, ['approved'], 'executed', { executedAt: at.toISOString() })) {
        throw new CofferError('CONFLICT', 'This approval was already used or withdrawn.', { approval: 'executed' });
      }
      audit(txDb, { actor: auditActor(session), action: 'approval.execute', entity: 'approval', recordId: String(approvalId), outcome: 'ok', reason: operation }, at);
    },
  };
}
