import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, rowHash, verifyAudit } from '../../electron/core/audit/audit-log';
import { encodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

/** A log written before migration 039, as the app wrote it then: chained rows, head in meta. */
function vaultBefore41(rows: { at: string; entity?: string; recordId?: string; customerIds?: number[] }[]): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 39));
  let prevHash = GENESIS_HASH;
  rows.forEach((r, i) => {
    const content = { id: i + 1, at: r.at, userId: 1, username: 'Anna', role: 'sales', action: 'customer.read', entity: r.entity ?? null, recordId: r.recordId ?? null, outcome: 'ok' as const, fields: null, reason: null, customerIds: r.customerIds ? encodeCustomerIds(r.customerIds) : null };
    const hash = rowHash(prevHash, content);
    db.prepare(
      `INSERT INTO audit_log (id, at, user_id, username, role, action, entity, record_id, outcome, fields, reason, customer_ids, prev_hash, hash)
       VALUES (@id, @at, @userId, @username, @role, @action, @entity, @recordId, @outcome, @fields, @reason, @customerIds, @prevHash, @hash)`,
    ).run({ ...content, prevHash, hash });
    prevHash = hash;
  });
  if (rows.length) db.prepare("INSERT INTO meta (key, value) VALUES ('audit.head', ?)").run(`${rows.length}:${prevHash}`);
  return db;
}

const pairs = (db: Db) => db.prepare('SELECT customer_id AS c, audit_id AS a FROM audit_customers ORDER BY c, a').all();
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

describe('migration 39: the audit page filters at a million rows', () => {
  it('indexes every customer an existing row names (its record, its returned ids) and leaves the chain as it was', () => {
    const db = vaultBefore41([
      { at: at(1), entity: 'customer', recordId: '7' },
      { at: at(2), customerIds: [3, 7, 40] },
      { at: at(3), entity: 'customer', recordId: '7', customerIds: [7, 9] },
      { at: at(4), entity: 'user', recordId: '3' },
      { at: at(5), entity: 'customer', recordId: 'not-a-number' },
    ]);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 39));
    expect(schemaVersion(db)).toBe(39);
    expect(pairs(db)).toEqual([
      { c: 3, a: 2 },
      { c: 7, a: 1 },
      { c: 7, a: 2 },
      { c: 7, a: 3 },
      { c: 9, a: 3 },
      { c: 40, a: 2 },
    ]);
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 5 });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'audit.timeDisorder'").get()).toBeUndefined();
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['audit_by_username', 'audit_by_username_action']));
  });

  it('remembers a log whose times went backwards (time windows then compare times row by row)', () => {
    const db = vaultBefore41([{ at: at(5) }, { at: at(6) }, { at: at(2) }, { at: at(7) }]);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 39));
    expect(db.prepare("SELECT value FROM meta WHERE key = 'audit.timeDisorder'").get()).toEqual({ value: '3' });
  });

  it('keeps audit_customers append-only, like the log', () => {
    const db = vaultBefore41([{ at: at(1), customerIds: [4] }]);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 39));
    expect(() => db.prepare('DELETE FROM audit_customers').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE audit_customers SET customer_id = 5').run()).toThrow(/append-only/);
    expect(() => db.prepare('INSERT INTO audit_customers (customer_id, audit_id) VALUES (?, ?)').run('x', 1)).toThrow(/cannot store TEXT/);
  });

  it('runs on an empty log', () => {
    const db = vaultBefore41([]);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 39))).toBe(39);
    expect(pairs(db)).toEqual([]);
  });
});
