import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function freshDb(): Db {
  return openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
}

const insertUser = (db: Db, username: string, role = 'owner', status = 'active'): unknown =>
  db
    .prepare("INSERT INTO users (username, display_name, role, status, password_hash, created_at) VALUES (?, 'X', ?, ?, 'h', 'now')")
    .run(username, role, status);

describe('migrations runner', () => {
  it('numbers migrations 1..n and applies all of them to a new database', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const db = freshDb();
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION); // idempotent
    db.close();
  });

  it('refuses a database from a newer app, without changing it', () => {
    const db = freshDb();
    migrate(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'VAULT_TOO_NEW', message: expect.stringMatching(/latest version/) }));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
    db.close();
  });

  it('applies each migration in its own transaction: a failing one leaves the previous version', () => {
    const db = freshDb();
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('migration 1: meta and users', () => {
  it('creates meta and users with their constraints', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    db.prepare("INSERT INTO meta (key, value) VALUES ('a', 'b')").run();
    expect(() => db.prepare("INSERT INTO meta (key, value) VALUES ('a', 'c')").run()).toThrow(/UNIQUE|PRIMARY/);

    insertUser(db, 'Anna');
    expect(() => insertUser(db, 'anna')).toThrow(/UNIQUE/); // usernames are case-insensitive
    for (const role of ['manager', 'sales', 'support', 'auditor']) insertUser(db, `u-${role}`, role);
    expect(() => insertUser(db, 'x1', 'admin')).toThrow(/CHECK/);
    for (const status of ['disabled', 'locked']) insertUser(db, `s-${status}`, 'sales', status);
    expect(() => insertUser(db, 'x2', 'sales', 'deleted')).toThrow(/CHECK/);
    const columns = (db.prepare('PRAGMA table_info(users)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'username', 'display_name', 'role', 'status', 'password_hash', 'created_at', 'last_login_at']);
    db.close();
  });
});
