import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultAt31(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 32));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  return db;
}

const hex = (c: string) => c.repeat(64);
const id = (n: number) => n.toString(16).padStart(32, '0');

describe('migration 32: the decision ledger', () => {
  it('adds an empty ledger and no secret to an existing vault (the secret is made on first use)', () => {
    const db = vaultAt31();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 32));
    expect(schemaVersion(db)).toBe(32);
    expect(db.prepare('SELECT count(*) AS n FROM decision_ledger').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM decision_ledger_secret').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
  });

  it('takes only well-formed entries: hashes of 64 hex, erasures with a customer and mode, account entries with a user and no person hashes', () => {
    const db = vaultAt31();
    // Migration 32's own table (038 rebuilds it with a field erasure): tested as 32 left it.
    migrate(db, MIGRATIONS.filter((m) => m.version <= 32));
    const put = db.prepare(
      'INSERT INTO decision_ledger (id, kind, at, customer_id, mode, name_hmac, mobile_hmac, email_hmac, user_id, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    put.run(id(1), 'erase', 'now', 7, 'anonymise', hex('a'), hex('b'), null, null, null);
    put.run(id(2), 'user.disable', 'now', null, null, null, null, null, 3, null);
    put.run(id(3), 'user.role', 'now', null, null, null, null, null, 3, 'sales');
    expect(() => put.run(id(1), 'user.disable', 'now', null, null, null, null, null, 3, null)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => put.run('short', 'user.disable', 'now', null, null, null, null, null, 3, null)).toThrow(/CHECK/);
    // A raw phone number where a hash belongs is refused.
    expect(() => put.run(id(4), 'erase', 'now', 7, 'delete', null, '13800138000', null, null, null)).toThrow(/CHECK/);
    expect(() => put.run(id(5), 'erase', 'now', null, 'delete', null, null, null, null, null)).toThrow(/CHECK/);
    expect(() => put.run(id(6), 'erase', 'now', 7, null, null, null, null, null, null)).toThrow(/CHECK/);
    expect(() => put.run(id(7), 'user.disable', 'now', null, null, hex('a'), null, null, 3, null)).toThrow(/CHECK/);
    expect(() => put.run(id(8), 'user.role', 'now', null, null, null, null, null, 3, null)).toThrow(/CHECK/);
    expect(() => put.run(id(9), 'user.disable', 'now', null, null, null, null, null, 3, 'sales')).toThrow(/CHECK/);
    expect(() => put.run(id(10), 'user.role', 'now', null, null, null, null, null, 3, 'king')).toThrow(/CHECK/);
    expect(() => put.run(id(11), 'note', 'now', null, null, null, null, null, 3, null)).toThrow(/CHECK/);
    const secret = db.prepare('INSERT INTO decision_ledger_secret (id, secret) VALUES (?, ?)');
    expect(() => secret.run(1, randomBytes(16))).toThrow(/CHECK/);
    secret.run(1, randomBytes(32));
    expect(() => secret.run(2, randomBytes(32))).toThrow(/CHECK/);
    // No free-text column anywhere in the ledger.
    const columns = (db.prepare("SELECT name FROM pragma_table_info('decision_ledger')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'kind', 'at', 'customer_id', 'mode', 'name_hmac', 'mobile_hmac', 'email_hmac', 'user_id', 'role', 'superseded_at', 'superseded_by']);
  });
});
