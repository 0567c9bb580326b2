import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultAt24(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 25));
  const user = db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'h', 'now')");
  user.run(1, 'anna', 'A', 'owner');
  user.run(2, 'bo', 'B', 'owner');
  user.run(3, 'sales1', 'S', 'sales');
  const approval = db.prepare('INSERT INTO approvals (id, kind, target_user_id, payload, secret, requested_by, requested_at, status, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  // A pending owner password reset still holding the new password's hash (the old design).
  approval.run(1, 'user.password', 2, '{}', 'scrypt$secret-hash', 1, '2026-11-01T00:00:00.000Z', 'pending', null, null);
  approval.run(2, 'user.role', 3, '{"role":"manager"}', null, 1, '2026-11-02T00:00:00.000Z', 'approved', 2, '2026-11-02T01:00:00.000Z');
  approval.run(3, 'user.create', null, '{"username":"neo","displayName":"N"}', 'scrypt$other-hash', 2, '2026-11-03T00:00:00.000Z', 'pending', null, null);
  approval.run(4, 'user.status', 2, '{"status":"disabled"}', null, 1, '2026-11-04T00:00:00.000Z', 'rejected', 2, '2026-11-04T01:00:00.000Z');
  return db;
}

describe('migration 25: approvals become general four-eyes requests', () => {
  it('keeps old requests for the record: pending ones become expired (they can never run), decided ones keep their outcome', () => {
    const db = vaultAt24();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 25));
    expect(schemaVersion(db)).toBe(25);
    const rows = db.prepare('SELECT id, operation, state, summary, executed_at AS executedAt, payload_hash AS hash FROM approvals ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, operation: 'users.resetPassword', state: 'expired', summary: '{"targetUsername":"bo"}', executedAt: null, hash: '' },
      { id: 2, operation: 'users.setRole', state: 'executed', summary: '{"targetUsername":"sales1"}', executedAt: '2026-11-02T01:00:00.000Z', hash: '' },
      { id: 3, operation: 'users.create', state: 'expired', summary: '{"targetUsername":"neo"}', executedAt: null, hash: '' },
      { id: 4, operation: 'users.setStatus', state: 'denied', summary: '{"targetUsername":"bo"}', executedAt: null, hash: '' },
    ]);
    db.close();
  });

  it('drops the secret column: no password hash survives anywhere in the table', () => {
    const db = vaultAt24();
    migrate(db, MIGRATIONS);
    const columns = (db.prepare('PRAGMA table_info(approvals)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('secret');
    expect(columns).toEqual(expect.arrayContaining(['operation', 'payload', 'payload_hash', 'rows', 'reason', 'expires_at', 'usable_after', 'no_second_person', 'state', 'decided_on_screen', 'executed_at']));
    const everything = JSON.stringify(db.prepare('SELECT * FROM approvals').all());
    expect(everything).not.toContain('scrypt$');
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'approvals'").all() as { name: string }[]).map((i) => i.name);
    expect(indexes).toEqual(expect.arrayContaining(['approvals_state', 'approvals_requested_by']));
    db.close();
  });

  it('refuses a state outside the six', () => {
    const db = vaultAt24();
    migrate(db, MIGRATIONS);
    expect(() =>
      db.prepare("INSERT INTO approvals (operation, payload, payload_hash, requested_by, reason, created_at, expires_at, state) VALUES ('backup.restore', '{}', 'h', 1, 'because', 'a', 'b', 'rejected')").run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
