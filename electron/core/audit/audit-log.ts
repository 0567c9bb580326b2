import { createHash } from 'node:crypto';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { insertAuditRow, iterateAudit, lastAuditRow, queryAuditRows, type AuditFilter, type AuditRow } from './audit-repository';

export const AUDIT_ACTIONS = [
  'login', 'login.failed', 'logout', 'lockout', 'session.locked', 'session.unlocked',
  'customer.list', 'customer.search', 'customer.read', 'customer.create', 'customer.update', 'customer.delete', 'customer.reveal', 'customer.export', 'interaction.create', 'purchase.create',
  'user.create', 'user.role', 'user.disable', 'user.enable', 'user.password.reset', 'user.2fa.enable', 'user.2fa.disable', 'user.2fa.recoveryCode',
  'approval.request', 'approval.approve', 'approval.reject', 'settings.change', 'vault.setup', 'vault.rotateKey', 'vault.unlock',
  'backup.run', 'backup.drill', 'backup.restore', 'audit.verify', 'audit.read', 'ipc.rejected', 'alert',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = AuditRow['outcome'];

export interface AuditEntry {
  actor: { userId: number; username: string; role: string } | null;
  action: AuditAction;
  entity?: string;
  recordId?: string;
  outcome: AuditOutcome;
  /** Names of changed fields, never their values. */
  fields?: string[];
  /** A user-typed justification (a reveal's reason), or a fixed system note. */
  reason?: string;
}

export const GENESIS_HASH = '0'.repeat(64);
const HEAD_KEY = 'audit.head';
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

/**
 * The hash covers the previous row's hash and the row's content in a fixed order. The id is
 * left out on purpose: the chain itself fixes the order, and leaving it out lets verify tell a
 * moved row from an edited one.
 */
export function rowHash(prevHash: string, row: Omit<AuditRow, 'id' | 'prevHash' | 'hash'>): string {
  const canonical = JSON.stringify([row.at, row.userId, row.username, row.role, row.action, row.entity, row.recordId, row.outcome, row.fields, row.reason]);
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}

/**
 * Appends one row. Call it inside the transaction of the change it records, so both commit or
 * neither does; outside a transaction it makes its own.
 */
export function appendAudit(db: Db, entry: AuditEntry, at: Date): { id: number; hash: string } {
  for (const field of entry.fields ?? []) if (!FIELD_NAME.test(field)) throw new Error('audit field names must be identifiers');
  if (entry.reason !== undefined && entry.reason.length > 200) throw new Error('audit reason too long');
  const write = () => {
    const last = lastAuditRow(db);
    const content = {
      at: at.toISOString(),
      userId: entry.actor?.userId ?? null,
      username: entry.actor?.username ?? null,
      role: entry.actor?.role ?? null,
      action: entry.action,
      entity: entry.entity ?? null,
      recordId: entry.recordId ?? null,
      outcome: entry.outcome,
      fields: entry.fields && entry.fields.length > 0 ? JSON.stringify(entry.fields) : null,
      reason: entry.reason ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const row: AuditRow = { id: (last?.id ?? 0) + 1, ...content, prevHash, hash: rowHash(prevHash, content) };
    insertAuditRow(db, row);
    setMeta(db, HEAD_KEY, `${row.id}:${row.hash}`);
    return { id: row.id, hash: row.hash };
  };
  return db.inTransaction ? write() : db.transaction(write)();
}

export function auditHead(db: Db): { id: number; hash: string } | null {
  const head = getMeta(db, HEAD_KEY);
  if (!head) return null;
  const [id, hash] = head.split(':');
  return { id: Number(id), hash: hash ?? '' };
}

export type AuditProblem = 'edited' | 'deleted' | 'reordered' | 'truncated' | 'head-missing';
export type AuditVerdict = { ok: true; rows: number; head: string } | { ok: false; rows: number; firstBrokenId: number; problem: AuditProblem };

const LOOKAHEAD = 1000;

/** Walks the whole chain in id order and names the first row that breaks it. */
export function verifyAudit(db: Db): AuditVerdict {
  let expectedId = 1;
  let expectedPrev = GENESIS_HASH;
  let rows = 0;
  const seen = new Set<string>();
  const iterator = iterateAudit(db);
  const broken = (firstBrokenId: number, problem: AuditProblem): AuditVerdict => {
    iterator.return?.();
    return { ok: false, rows, firstBrokenId, problem };
  };
  for (const row of iterator) {
    rows += 1;
    if (row.id !== expectedId) return broken(expectedId, 'deleted');
    if (rowHash(row.prevHash, row) !== row.hash) return broken(row.id, 'edited');
    if (row.prevHash !== expectedPrev) {
      // A link from further back, or the expected successor found later: rows were moved.
      if (seen.has(row.prevHash) || successorLater(db, row.id, expectedPrev, row.prevHash)) return broken(row.id, 'reordered');
      // Ids run on without a gap, the row is self-consistent, yet it does not follow its
      // predecessor: the predecessor was rewritten along with its own hash.
      return broken(row.id - 1, 'edited');
    }
    seen.add(row.hash);
    expectedPrev = row.hash;
    expectedId += 1;
  }
  const head = auditHead(db);
  if (!head) return rows === 0 ? { ok: true, rows, head: GENESIS_HASH } : broken(expectedId - 1, 'head-missing');
  if (head.id > expectedId - 1) return broken(expectedId, 'truncated');
  if (head.id !== expectedId - 1 || head.hash !== expectedPrev) return broken(Math.min(head.id, expectedId - 1), 'edited');
  return { ok: true, rows, head: expectedPrev };
}

function successorLater(db: Db, fromId: number, expectedPrev: string, movedHash: string): boolean {
  const probe = db.prepare('SELECT 1 FROM audit_log WHERE id > ? AND id <= ? AND (prev_hash = ? OR hash = ?) LIMIT 1');
  return probe.get(fromId, fromId + LOOKAHEAD, expectedPrev, movedHash) !== undefined;
}

export interface AuditRecord {
  id: number;
  at: string;
  username: string | null;
  role: string | null;
  action: string;
  entity: string | null;
  recordId: string | null;
  outcome: AuditOutcome;
  fields: string[];
  reason: string | null;
}

export function queryAudit(db: Db, filter: AuditFilter): AuditRecord[] {
  return queryAuditRows(db, filter).map((row) => ({
    id: row.id,
    at: row.at,
    username: row.username,
    role: row.role,
    action: row.action,
    entity: row.entity,
    recordId: row.recordId,
    outcome: row.outcome,
    fields: row.fields ? (JSON.parse(row.fields) as string[]) : [],
    reason: row.reason,
  }));
}
