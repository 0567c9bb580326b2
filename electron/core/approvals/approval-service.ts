import { approvalPolicySchema, type ApprovalItem, type ApprovalOperation, type ApprovalPolicy, type ApprovalState } from '../../../shared/approvals';
import { contract, isChannelName } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import { can } from '../../../shared/permissions';
import type { AuditEntry } from '../audit/audit-log';
import type { SecondFactor } from '../auth/second-factor';
import { auditActor, type Session, type SessionService } from '../auth/session-service';
import { setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { canonicalJson, payloadHash, payloadOf, SECRET_KEYS } from './canonical';
import { expireDue, permissionOf, requireApproval, type ApprovalTicket } from './approval-gate';
import { assess, ownerOnly, POLICY_KEY, readPolicy } from './approval-policy';
import { findApproval, findUserById, insertApproval, listApprovals, moveApproval, type ApprovalRow, type ApproverRow } from './approval-repository';

export interface ApprovalServiceDeps {
  db: () => Db;
  sessions: SessionService;
  secondFactor: SecondFactor;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}

const HOUR_MS = 3_600_000;
const LIST_LIMIT = 200;
const OPEN: readonly ApprovalState[] = ['pending', 'approved'];

/** Who may decide a request of this operation: an owner; a manager for the customer operations. */
function mayDecide(user: { role: string; status?: string }, op: ApprovalOperation): boolean {
  return user.role === 'owner' || (user.role === 'manager' && !ownerOnly(op));
}

/**
 * Four-eyes approval (issue 15): ask, decide (in one's inbox or 主管授权 on the requester's
 * screen), cancel, list, and the gate every gated operation passes (approval-gate.ts).
 */
export function createApprovalService(deps: ApprovalServiceDeps) {
  const at = () => new Date((deps.now ?? Date.now)());
  const listeners = new Set<() => void>();
  /** After the caller's transaction: main's refresh hint is told that something changed, never what. */
  const changed = () => setImmediate(() => listeners.forEach((listener) => listener()));

  /** The operation's input as its own channel accepts it; secrets may be left out (given at run). */
  function parseInput(op: ApprovalOperation, input: Record<string, unknown>): Record<string, unknown> {
    if (!isChannelName(op)) throw new CofferError('INVALID_INPUT', 'This operation is not available.', { operation: 'unknown' });
    const schema = contract[op].input as unknown as { shape?: Record<string, unknown>; safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[] }[] } } };
    const filled: Record<string, unknown> = { ...input };
    // Stand-ins for secrets the schema requires: they are checked again (for real) when running.
    for (const key of SECRET_KEYS) if (schema.shape && key in schema.shape && filled[key] === undefined) filled[key] = 'secret-given-at-run';
    const parsed = schema.safeParse(filled);
    if (!parsed.success) {
      const fields = Object.fromEntries((parsed.error?.issues ?? []).map((issue) => [`input.${issue.path.join('.')}`, 'invalid']));
      throw new CofferError('INVALID_INPUT', 'Some fields need attention.', fields);
    }
    return parsed.data as Record<string, unknown>;
  }

  function toItem(row: ApprovalRow, viewer: Session): ApprovalItem {
    const mine = row.requestedBy === viewer.userId;
    const now = at().toISOString();
    return {
      id: row.id,
      operation: row.operation,
      summary: row.summary,
      requester: { id: row.requestedBy, username: row.requesterUsername, displayName: row.requesterDisplayName },
      reason: row.reason,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      usableAfter: row.usableAfter,
      state: row.state,
      noSecondPerson: row.noSecondPerson,
      decidedBy: row.deciderUsername ? { username: row.deciderUsername, displayName: row.deciderDisplayName ?? row.deciderUsername } : null,
      decidedAt: row.decidedAt,
      decidedOnScreen: row.decidedOnScreen,
      executedAt: row.executedAt,
      canDecide: !mine && row.state === 'pending' && mayDecide(viewer, row.operation),
      canRun: mine && row.state === 'approved' && (row.usableAfter === null || row.usableAfter <= now),
      canCancel: mine && (row.state === 'pending' || row.state === 'approved'),
      // Only to the requester: the exact payload approved (stored without secrets), for Run.
      ...(mine ? { input: JSON.parse(row.payload) as Record<string, unknown> } : {}),
    };
  }

  function audit(db: Db, who: { userId: number; username: string; role: string }, action: AuditEntry['action'], id: number | null, outcome: AuditEntry['outcome'], reason: string): void {
    deps.audit(db, { actor: auditActor({ userId: who.userId, username: who.username, role: who.role as Session['role'] }), action, entity: 'approval', ...(id !== null ? { recordId: String(id) } : {}), outcome, reason }, at());
  }

  function list(session: Session, view: 'inbox' | 'mine' | 'all'): { items: ApprovalItem[] } {
    const db = deps.db();
    expireDue(db, deps.audit, at());
    const rows =
      view === 'mine'
        ? listApprovals(db, { requestedBy: session.userId, limit: LIST_LIMIT })
        : view === 'inbox'
          ? listApprovals(db, { states: ['pending'], limit: LIST_LIMIT }).filter((r) => r.requestedBy !== session.userId && mayDecide(session, r.operation))
          : listApprovals(db, { limit: LIST_LIMIT }).filter((r) => session.role === 'owner' || r.requestedBy === session.userId || mayDecide(session, r.operation));
    return { items: rows.map((row) => toItem(row, session)) };
  }

  return {
    list,
    /** The gate (see approval-gate.ts): call before a gated operation; `markExecuted` inside its transaction. */
    gate(session: Session, operation: ApprovalOperation, input: Record<string, unknown>): ApprovalTicket {
      const ticket = requireApproval(deps.db(), deps.audit, session, operation, input, at());
      if (ticket.approvalId === null) return ticket;
      // Used: the requester's list in other windows moves it to 'executed'.
      return { approvalId: ticket.approvalId, markExecuted: (db) => (ticket.markExecuted(db), changed()) };
    },

    /** "An approval request changed" (made, decided, cancelled, used): no data. Returns the unsubscribe. */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    async request(session: Session, req: { operation: ApprovalOperation; input: Record<string, unknown>; reason: string; confirmSummary?: string | undefined; password?: string | undefined }) {
      const op = req.operation;
      // Only someone who may run the operation may ask to run it.
      if (!can(session.role, permissionOf(op))) throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      const input = parseInput(op, req.input);
      const db = deps.db();
      const now = at();
      const assessment = assess(db, session, op, input, now);
      if (!assessment.needed) throw new CofferError('CONFLICT', 'This does not need approval: run it directly.', { approval: 'not_needed' });
      const payload = canonicalJson(payloadOf(input));
      const hash = payloadHash(payload);
      expireDue(db, deps.audit, now);
      const open = listApprovals(db, { requestedBy: session.userId, states: OPEN, limit: LIST_LIMIT }).find((r) => r.operation === op && r.payloadHash === hash);
      if (open) throw new CofferError('CONFLICT', 'You already asked for this; it is still open.', { approval: 'already_requested', approvalId: String(open.id) });
      const policy = readPolicy(db);
      const alone = assessment.noSecondPerson;
      if (alone) {
        // Never a silent bypass: the lone requester types back what will run, and their password.
        if (req.confirmSummary === undefined) throw new CofferError('INVALID_INPUT', 'Nobody else can approve this: type the confirmation to go on alone.', { confirmSummary: 'required', confirm: assessment.confirm });
        if (req.confirmSummary.trim() !== assessment.confirm) throw new CofferError('INVALID_INPUT', 'That is not the confirmation asked for.', { confirmSummary: 'mismatch' });
        if (req.password === undefined) throw new CofferError('INVALID_INPUT', 'Type your password to confirm.', { password: 'required' });
        await deps.sessions.confirmPassword(session, req.password);
      }
      const createdAt = now.toISOString();
      const expiresAt = new Date(now.getTime() + policy.expiryHours * HOUR_MS).toISOString();
      const usableAfter = alone ? new Date(now.getTime() + policy.coolingOffMinutes * 60_000).toISOString() : null;
      const id = db.transaction(() => {
        const newId = insertApproval(db, {
          operation: op, payload, payloadHash: hash, rows: assessment.rows, summary: assessment.summary, requestedBy: session.userId, reason: req.reason,
          createdAt, expiresAt, usableAfter, noSecondPerson: alone, state: alone ? 'approved' : 'pending', decidedBy: alone ? session.userId : null, decidedAt: alone ? createdAt : null,
        });
        audit(db, session, 'approval.request', newId, 'ok', alone ? `${op} no_second_person` : op);
        return newId;
      })();
      changed();
      return { id, state: (alone ? 'approved' : 'pending') as ApprovalState, expiresAt, usableAfter, noSecondPerson: alone };
    },

    count(session: Session): { inbox: number; mine: number } {
      const { items: inbox } = list(session, 'inbox');
      const mine = listApprovals(deps.db(), { requestedBy: session.userId, states: OPEN, limit: LIST_LIMIT }).length;
      return { inbox: inbox.length, mine };
    },

    async decide(session: Session, input: { id: number; approve: boolean; password?: string | undefined; code?: string | undefined; approver?: { username: string; password: string; code?: string | undefined } | undefined }) {
      const db = deps.db();
      expireDue(db, deps.audit, at());
      const request = findApproval(db, input.id);
      if (!request) throw new CofferError('NOT_FOUND', 'That request does not exist.');
      // Who decides: the named approver on this screen (主管授权), or the signed-in user.
      let decider: ApproverRow;
      if (input.approver) {
        const user = await deps.sessions.verifyUser(input.approver.username, input.approver.password, input.approver.code, 'approval');
        decider = { id: user.id, username: user.username, role: user.role, status: user.status };
      } else {
        if (input.password === undefined) throw new CofferError('INVALID_INPUT', 'Type your password to confirm.', { password: 'required' });
        await deps.sessions.confirmPassword(session, input.password);
        deps.secondFactor.check(db, auditActor(session), input.code);
        decider = findUserById(db, session.userId) ?? { id: session.userId, username: session.username, role: session.role, status: 'active' };
      }
      const who = { userId: decider.id, username: decider.username, role: decider.role };
      const refuse = (why: string, error: CofferError): never => {
        audit(db, who, input.approve ? 'approval.approve' : 'approval.reject', request.id, 'denied', `${request.operation} ${why}`);
        throw error;
      };
      if (decider.id === request.requestedBy) refuse('own request', new CofferError('FORBIDDEN', 'Someone else must decide your own request.'));
      if (decider.status !== 'active' || !mayDecide(decider, request.operation)) refuse('not eligible', new CofferError('FORBIDDEN', 'This person may not decide this request.'));
      if (request.state !== 'pending') throw new CofferError('CONFLICT', `This request is already ${request.state}.`, { approval: request.state });
      const state: ApprovalState = input.approve ? 'approved' : 'denied';
      const now = at().toISOString();
      db.transaction(() => {
        if (!moveApproval(db, request.id, ['pending'], state, { decidedBy: decider.id, decidedAt: now, decidedOnScreen: input.approver !== undefined })) {
          throw new CofferError('CONFLICT', 'This request was decided or withdrawn meanwhile.', { approval: 'decided' });
        }
        audit(db, who, input.approve ? 'approval.approve' : 'approval.reject', request.id, 'ok', input.approver ? `${request.operation} on_screen` : request.operation);
      })();
      changed();
      return { id: request.id, state };
    },

    cancel(session: Session, id: number) {
      const db = deps.db();
      expireDue(db, deps.audit, at());
      const request = findApproval(db, id);
      if (!request || request.requestedBy !== session.userId) throw new CofferError('NOT_FOUND', 'There is no such request of yours.');
      db.transaction(() => {
        if (!moveApproval(db, id, OPEN, 'cancelled')) throw new CofferError('CONFLICT', `This request is already ${request.state}.`, { approval: request.state });
        audit(db, session, 'approval.cancel', id, 'ok', request.operation);
      })();
      changed();
      return { id, state: 'cancelled' as const };
    },

    policy(): ApprovalPolicy {
      return readPolicy(deps.db());
    },

    /** The owner's policy change: gated itself where a second owner exists; audited always. */
    setPolicy(session: Session, input: ApprovalPolicy & { approvalId?: number | undefined }): ApprovalPolicy {
      const db = deps.db();
      const ticket = requireApproval(db, deps.audit, session, 'approvals.setPolicy', input, at());
      const policy = approvalPolicySchema.parse({ operations: input.operations, exportRows: input.exportRows, deleteRows: input.deleteRows, expiryHours: input.expiryHours, coolingOffMinutes: input.coolingOffMinutes });
      db.transaction(() => {
        ticket.markExecuted(db);
        setMeta(db, POLICY_KEY, JSON.stringify(policy));
        const off = Object.entries(policy.operations).filter(([, on]) => on === false).map(([op]) => op);
        audit(db, session, 'approval.policy', ticket.approvalId, 'ok', `export>${policy.exportRows} delete>${policy.deleteRows} ${policy.expiryHours}h cool ${policy.coolingOffMinutes}m off: ${off.join(',') || '-'}`.slice(0, 200));
      })();
      if (ticket.approvalId !== null) changed();
      return policy;
    },
  };
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
