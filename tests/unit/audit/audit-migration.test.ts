import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { openDatabase } from '../../../electron/core/db/open-database';
import { tempDir } from '../../support/tmp';
import { logWith } from './audit-helpers';

const insert = "INSERT INTO audit_log (id, at, action, outcome, prev_hash, hash) VALUES (?, '2026-01-01T00:00:00.000Z', 'login', ?, 'p', 'h')";

describe('migration 2: audit log', () => {
  it('applies on top of migration 1 and leaves user_version at 2', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    expect(MIGRATIONS[1]).toMatchObject({ version: 2, name: 'audit-log' });
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toBe(1);
    expect(migrate(db, MIGRATIONS.slice(0, 2))).toBe(2);
    expect(schemaVersion(db)).toBe(2);

    const columns = (db.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'at', 'user_id', 'username', 'role', 'action', 'entity', 'record_id', 'outcome', 'fields', 'reason', 'prev_hash', 'hash']);
    const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = 'audit_log' AND type IN ('index', 'trigger') ORDER BY name").all();
    expect(objects).toEqual([
      { type: 'index', name: 'audit_by_action' },
      { type: 'index', name: 'audit_by_record' },
      { type: 'index', name: 'audit_by_time' },
      { type: 'index', name: 'audit_by_user' },
      { type: 'trigger', name: 'audit_log_no_delete' },
      { type: 'trigger', name: 'audit_log_no_update' },
    ]);

    db.prepare(insert).run(1, 'ok');
    expect(() => db.prepare(insert).run(2, 'maybe')).toThrow(/CHECK/);
    // STRICT: text where a user id belongs is refused, not stored as text.
    expect(() => db.prepare("INSERT INTO audit_log (id, at, user_id, action, outcome, prev_hash, hash) VALUES (3, 't', 'anna', 'login', 'ok', 'p', 'h')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('makes the table append-only for every code path', () => {
    const db = logWith(3);
    expect(() => db.prepare("UPDATE audit_log SET action = 'alert' WHERE id = 2").run()).toThrow('audit_log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow('audit_log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action <> 'alert'").get()).toEqual({ n: 3 });
    db.close();
  });
});
