import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, queryAudit, rowHash, verifyAudit } from '../../electron/core/audit/audit-log';
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

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

describe('migration 39: the audit page filters at a million rows', () => {
  it('adds the username indexes, leaves the chain as it was, and finds the rows of a customer on the record index', () => {
    const db = vaultBefore41([
      { at: at(1), entity: 'customer', recordId: '7' },
      { at: at(2), customerIds: [3, 7, 40] },
      { at: at(3), entity: 'customer', recordId: '7', customerIds: [7, 9] },
      { at: at(4), entity: 'user', recordId: '3' },
    ]);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 39));
    expect(schemaVersion(db)).toBe(39);
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 4 });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'audit.timeDisorder'").get()).toBeUndefined();
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['audit_by_username', 'audit_by_username_action', 'audit_by_record']));
    // The customer filter is the rows naming the customer: the lists that returned it are not among them.
    expect(queryAudit(db, { entity: 'customer', recordId: '7', limit: 10 }).map((r) => r.id)).toEqual([3, 1]);
    expect(queryAudit(db, { username: 'anna', limit: 10 }).map((r) => r.id)).toEqual([4, 3, 2, 1]);
  });

  it('remembers a log whose times went backwards (time windows then compare times row by row)', () => {
    const db = vaultBefore41([{ at: at(5) }, { at: at(6) }, { at: at(2) }, { at: at(7) }]);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 39));
    expect(db.prepare("SELECT value FROM meta WHERE key = 'audit.timeDisorder'").get()).toEqual({ value: '3' });
  });

  it('runs on an empty log', () => {
    const db = vaultBefore41([]);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 39))).toBe(39);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'audit.timeDisorder'").get()).toBeUndefined();
  });
});
