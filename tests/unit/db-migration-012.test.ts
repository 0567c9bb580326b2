import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function dbAt(version: number): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.slice(0, version));
  return db;
}

describe('migration 12: approvals for owner targets', () => {
  it('keeps pending and decided requests, and accepts the new kinds with their rules', () => {
    const db = dbAt(11);
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now'), (2, 'b', 'B', 'owner', 'h', 'now')").run();
    db.prepare(`INSERT INTO approvals (id, kind, target_user_id, payload, requested_by, requested_at, status, decided_by, decided_at)
                VALUES (1, 'user.role', 2, '{"role":"sales"}', 1, 't1', 'pending', NULL, NULL),
                       (2, 'user.2fa.disable', 1, '{}', 1, 't2', 'approved', 2, 't3')`).run();
    migrate(db, MIGRATIONS.slice(0, 12));
    expect(schemaVersion(db)).toBe(12);
    expect(db.prepare('SELECT id, kind, target_user_id, payload, secret, status, decided_by FROM approvals ORDER BY id').all()).toEqual([
      { id: 1, kind: 'user.role', target_user_id: 2, payload: '{"role":"sales"}', secret: null, status: 'pending', decided_by: null },
      { id: 2, kind: 'user.2fa.disable', target_user_id: 1, payload: '{}', secret: null, status: 'approved', decided_by: 2 },
    ]);
    const insert = db.prepare("INSERT INTO approvals (kind, target_user_id, payload, secret, requested_by, requested_at, status) VALUES (?, ?, '{}', ?, 1, 't', ?)");
    insert.run('user.status', 2, null, 'pending');
    insert.run('user.password', 2, 'scrypt$hash', 'pending');
    insert.run('user.create', null, 'scrypt$hash', 'pending');
    // Only a new account has no target; nothing else may lack one.
    expect(() => insert.run('user.create', 2, null, 'pending')).toThrow(/CHECK/);
    expect(() => insert.run('user.status', null, null, 'pending')).toThrow(/CHECK/);
    expect(() => insert.run('user.delete', 2, null, 'pending')).toThrow(/CHECK/);
    // A decided request keeps no password hash.
    expect(() => insert.run('user.password', 2, 'scrypt$hash', 'approved')).toThrow(/CHECK/);
    expect(() => insert.run('user.status', 99, null, 'pending')).toThrow(/FOREIGN KEY/);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM approvals WHERE status = 'pending' ORDER BY id").all() as { detail: string }[]).map((r) => r.detail).join();
    expect(plan).toContain('approvals_pending');
    db.close();
  });
});
