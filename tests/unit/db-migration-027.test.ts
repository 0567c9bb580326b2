import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultAt26(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 27));
  const user = db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'h', 'now')");
  user.run(1, 'owner', 'O', 'owner');
  user.run(2, 'sales1', 'S', 'sales');
  return db;
}

describe('migration 27: the shop data rules and who accepted which version', () => {
  it('adds empty tables to an existing vault: no rules, so nobody is asked to accept', () => {
    const db = vaultAt26();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 27));
    expect(schemaVersion(db)).toBe(27);
    expect(db.prepare('SELECT count(*) AS n FROM data_rules').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM data_rule_acceptances').get()).toEqual({ n: 0 });
    // The users are untouched.
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 2 });
  });

  it('keeps versions and acceptances honest: text 1..20000, one acceptance per user and version, only of a version that exists', () => {
    const db = vaultAt26();
    migrate(db);
    const rules = db.prepare("INSERT INTO data_rules (version, text, created_at, created_by) VALUES (?, ?, 'now', 1)");
    rules.run(1, '客户资料只在本店使用。');
    expect(() => rules.run(2, '')).toThrow(/CHECK/);
    expect(() => rules.run(2, 'x'.repeat(20_001))).toThrow(/CHECK/);
    expect(() => rules.run(1, 'again')).toThrow(/UNIQUE|PRIMARY/);
    const accept = db.prepare("INSERT INTO data_rule_acceptances (user_id, version, accepted_at) VALUES (?, ?, 'now')");
    accept.run(2, 1);
    expect(() => accept.run(2, 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => accept.run(2, 7)).toThrow(/FOREIGN KEY/);
    expect(() => accept.run(99, 1)).toThrow(/FOREIGN KEY/);
  });
});
