import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { appendAudit, rowHash, type AuditEntry } from '../../../electron/core/audit/audit-log';
import { migrate } from '../../../electron/core/db/migrate';
import { openDatabase, type Db } from '../../../electron/core/db/open-database';
import { tempDir } from '../../support/tmp';

/** A real SQLCipher vault file on disk, brought up to the latest schema. */
export function freshDb(): Db {
  const db = openDatabase(path.join(tempDir(), 'audit.db'), randomBytes(32), { create: true });
  migrate(db);
  return db;
}

export const T0 = Date.UTC(2026, 0, 1);
const ACTIONS = ['login', 'customer.read', 'customer.update', 'customer.reveal'] as const;

/** Row i (1-based id i + 1) is by user (i % 3) + 1, one second after the previous row. */
export function entryFor(i: number): AuditEntry {
  return {
    actor: { userId: (i % 3) + 1, username: `user${i % 3}`, role: i % 3 === 0 ? 'owner' : 'sales' },
    action: ACTIONS[i % ACTIONS.length]!,
    entity: 'customer',
    recordId: String(i),
    outcome: i % 10 === 9 ? 'denied' : 'ok',
    ...(i % 4 === 2 ? { fields: ['mobile', 'email'] } : {}),
    ...(i % 4 === 3 ? { reason: 'customer called about a refund' } : {}),
  };
}

/** A log of `rows` rows, appended inside one caller transaction (as a change and its rows would be). */
export function logWith(rows: number, db: Db = freshDb()): Db {
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) appendAudit(db, entryFor(i), new Date(T0 + i * 1000));
  })();
  return db;
}

/** What an attacker with the vault key and raw SQL would do first. */
export function dropGuards(db: Db): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

interface RawRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  action: string;
  entity: string | null;
  record_id: string | null;
  outcome: 'ok' | 'denied' | 'rejected' | 'failed';
  fields: string | null;
  reason: string | null;
  prev_hash: string;
  /** Migration 11 added it last, after hash. */
  customer_ids: string | null;
  hash: string;
}

export function rawRow(db: Db, id: number): RawRow {
  return db.prepare('SELECT * FROM audit_log WHERE id = ?').get(id) as RawRow;
}

/** The hash a careful attacker would write for a row's current content at its current id. */
export function recomputedHash(db: Db, id: number): string {
  const r = rawRow(db, id);
  return rowHash(r.prev_hash, {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    role: r.role,
    action: r.action,
    entity: r.entity,
    recordId: r.record_id,
    outcome: r.outcome,
    fields: r.fields,
    reason: r.reason,
    customerIds: r.customer_ids,
  });
}

/** Swaps two rows' contents (every column) while the ids stay where they are. */
export function swapRows(db: Db, a: number, b: number): void {
  db.prepare('UPDATE audit_log SET id = -1 WHERE id = ?').run(a);
  db.prepare('UPDATE audit_log SET id = ? WHERE id = ?').run(a, b);
  db.prepare('UPDATE audit_log SET id = ? WHERE id = -1').run(b);
}
