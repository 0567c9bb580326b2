import type { ApprovalOperation, ApprovalState, ApprovalSummary } from '../../../shared/approvals';
import type { Role } from '../../../shared/contract';
import type { Db } from '../db/open-database';

export interface ApprovalRow {
  id: number;
  operation: ApprovalOperation;
  payload: string;
  payloadHash: string;
  rows: number | null;
  summary: ApprovalSummary;
  requestedBy: number;
  requesterUsername: string;
  requesterDisplayName: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
  usableAfter: string | null;
  noSecondPerson: boolean;
  state: ApprovalState;
  decidedBy: number | null;
  deciderUsername: string | null;
  deciderDisplayName: string | null;
  decidedAt: string | null;
  decidedOnScreen: boolean;
  executedAt: string | null;
}

export interface NewApproval {
  operation: ApprovalOperation;
  payload: string;
  payloadHash: string;
  rows: number | null;
  summary: ApprovalSummary;
  requestedBy: number;
  reason: string;
  createdAt: string;
  expiresAt: string;
  usableAfter: string | null;
  noSecondPerson: boolean;
  state: 'pending' | 'approved';
  decidedBy: number | null;
  decidedAt: string | null;
}

const SELECT = `
  SELECT a.id, a.operation, a.payload, a.payload_hash AS payloadHash, a.rows, a.summary, a.requested_by AS requestedBy,
         r.username AS requesterUsername, r.display_name AS requesterDisplayName, a.reason, a.created_at AS createdAt,
         a.expires_at AS expiresAt, a.usable_after AS usableAfter, a.no_second_person AS noSecondPerson, a.state,
         a.decided_by AS decidedBy, d.username AS deciderUsername, d.display_name AS deciderDisplayName,
         a.decided_at AS decidedAt, a.decided_on_screen AS decidedOnScreen, a.executed_at AS executedAt
    FROM approvals a JOIN users r ON r.id = a.requested_by LEFT JOIN users d ON d.id = a.decided_by`;

type RawRow = Omit<ApprovalRow, 'summary' | 'noSecondPerson' | 'decidedOnScreen'> & { summary: string; noSecondPerson: number; decidedOnScreen: number };

function toRow(raw: RawRow): ApprovalRow {
  return { ...raw, summary: JSON.parse(raw.summary) as ApprovalSummary, noSecondPerson: raw.noSecondPerson === 1, decidedOnScreen: raw.decidedOnScreen === 1 };
}

export function insertApproval(db: Db, a: NewApproval): number {
  return Number(
    db
      .prepare(
        `INSERT INTO approvals (operation, payload, payload_hash, rows, summary, requested_by, reason, created_at, expires_at, usable_after, no_second_person, state, decided_by, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.operation, a.payload, a.payloadHash, a.rows, JSON.stringify(a.summary), a.requestedBy, a.reason, a.createdAt, a.expiresAt, a.usableAfter, a.noSecondPerson ? 1 : 0, a.state, a.decidedBy, a.decidedAt).lastInsertRowid,
  );
}

export function findApproval(db: Db, id: number): ApprovalRow | undefined {
  const raw = db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as RawRow | undefined;
  return raw ? toRow(raw) : undefined;
}

/** Newest first; `requestedBy` narrows to one requester, `states` to some states. */
export function listApprovals(db: Db, filter: { requestedBy?: number; states?: readonly ApprovalState[]; limit: number }): ApprovalRow[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.requestedBy !== undefined) {
    where.push('a.requested_by = ?');
    params.push(filter.requestedBy);
  }
  if (filter.states) {
    where.push(`a.state IN (${filter.states.map(() => '?').join(', ')})`);
    params.push(...filter.states);
  }
  const sql = `${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ?`;
  return (db.prepare(sql).all(...params, filter.limit) as RawRow[]).map(toRow);
}

/** Open requests (pending, or approved and not yet run) past their expiry: ids only. */
export function dueToExpire(db: Db, nowIso: string): { id: number; requestedBy: number; operation: string }[] {
  return db
    .prepare("SELECT id, requested_by AS requestedBy, operation FROM approvals WHERE state IN ('pending', 'approved') AND expires_at <= ?")
    .all(nowIso) as { id: number; requestedBy: number; operation: string }[];
}

/** Moves a request on only from the state the caller saw: 0 changes means someone else did first. */
export function moveApproval(db: Db, id: number, from: readonly ApprovalState[], to: ApprovalState, extra: { decidedBy?: number; decidedAt?: string; decidedOnScreen?: boolean; executedAt?: string } = {}): boolean {
  const sets = ['state = ?'];
  const params: (string | number)[] = [to];
  const add = (column: string, value: string | number | undefined) => {
    if (value === undefined) return;
    sets.push(`${column} = ?`);
    params.push(value);
  };
  add('decided_by', extra.decidedBy);
  add('decided_at', extra.decidedAt);
  add('decided_on_screen', extra.decidedOnScreen === undefined ? undefined : extra.decidedOnScreen ? 1 : 0);
  add('executed_at', extra.executedAt);
  const sql = `UPDATE approvals SET ${sets.join(', ')} WHERE id = ? AND state IN (${from.map(() => '?').join(', ')})`;
  return db.prepare(sql).run(...params, id, ...from).changes === 1;
}

export interface ApproverRow {
  id: number;
  username: string;
  role: Role;
  status: string;
}

/**
 * People who could decide besides `exceptUserId`: owners (and managers where `managersToo`), active
 * or locked (a locked owner still counts, or ten wrong sign-ins would lift the rule).
 */
export function countOtherApprovers(db: Db, exceptUserId: number, managersToo: boolean): number {
  const roles = managersToo ? "('owner', 'manager')" : "('owner')";
  return (db.prepare(`SELECT count(*) AS n FROM users WHERE id <> ? AND role IN ${roles} AND status IN ('active', 'locked')`).get(exceptUserId) as { n: number }).n;
}

export function findUserById(db: Db, id: number): ApproverRow | undefined {
  return db.prepare('SELECT id, username, role, status FROM users WHERE id = ?').get(id) as ApproverRow | undefined;
}
