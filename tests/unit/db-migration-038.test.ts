import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultBefore38(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 38));
  return db;
}

const hex = (c: string) => c.repeat(64);
const id = (n: number) => n.toString(16).padStart(32, '0');

describe('migration 38: a field erasure on the decision ledger', () => {
  it('keeps every existing entry as it was, superseded marks included', () => {
    const db = vaultBefore38();
    const put = db.prepare('INSERT INTO decision_ledger (id, kind, at, customer_id, mode, name_hmac, mobile_hmac, email_hmac, user_id, role, superseded_at, superseded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    put.run(id(1), 'erase', '2026-01-01', 7, 'anonymise', hex('a'), hex('b'), null, null, null, '2026-02-01', 1);
    put.run(id(2), 'user.role', '2026-01-02', null, null, null, null, null, 3, 'sales', null, null);
    const before = db.prepare('SELECT * FROM decision_ledger ORDER BY id').all();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 38));
    expect(schemaVersion(db)).toBe(38);
    expect(db.prepare('SELECT * FROM decision_ledger ORDER BY id').all()).toEqual((before as object[]).map((row) => ({ ...row, field: null })));
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'decision_ledger' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(['decision_ledger_by_at', 'decision_ledger_by_email', 'decision_ledger_by_mobile']);
  });

  it('takes a field erasure with a known field name and nothing else; the old rules still hold', () => {
    const db = vaultBefore38();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 38));
    const put = db.prepare('INSERT INTO decision_ledger (id, kind, at, customer_id, mode, name_hmac, mobile_hmac, email_hmac, user_id, role, field) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    put.run(id(1), 'field.erase', 'now', null, null, null, null, null, null, null, 'phone');
    put.run(id(2), 'field.erase', 'now', null, null, null, null, null, null, null, 'addressDetail');
    // A value where a field name belongs, a missing field, or a person or user on a field erasure: refused.
    expect(() => put.run(id(3), 'field.erase', 'now', null, null, null, null, null, null, null, '13800138000')).toThrow(/CHECK/);
    expect(() => put.run(id(4), 'field.erase', 'now', null, null, null, null, null, null, null, null)).toThrow(/CHECK/);
    expect(() => put.run(id(5), 'field.erase', 'now', 7, null, null, null, null, null, null, 'phone')).toThrow(/CHECK/);
    expect(() => put.run(id(6), 'field.erase', 'now', null, null, null, hex('b'), null, null, null, 'phone')).toThrow(/CHECK/);
    expect(() => put.run(id(7), 'field.erase', 'now', null, null, null, null, null, 3, null, 'phone')).toThrow(/CHECK/);
    // Other kinds carry no field; their own rules are unchanged.
    expect(() => put.run(id(8), 'user.disable', 'now', null, null, null, null, null, 3, null, 'phone')).toThrow(/CHECK/);
    expect(() => put.run(id(9), 'erase', 'now', 7, 'delete', null, null, null, null, null, 'phone')).toThrow(/CHECK/);
    expect(() => put.run(id(10), 'erase', 'now', null, 'delete', null, null, null, null, null, null)).toThrow(/CHECK/);
    expect(() => put.run(id(11), 'user.disable', 'now', null, null, hex('a'), null, null, 3, null, null)).toThrow(/CHECK/);
    expect(() => put.run(id(12), 'user.role', 'now', null, null, null, null, null, 3, null, null)).toThrow(/CHECK/);
    put.run(id(13), 'user.disable', 'now', null, null, null, null, null, 3, null, null);
    put.run(id(14), 'erase', 'now', 7, 'delete', null, hex('c'), null, null, null, null);
    expect(db.prepare('SELECT count(*) AS n FROM decision_ledger').get()).toEqual({ n: 4 });
  });
});
