import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultAt33(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 34));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (1, '王伟', 1, 'now', 'now')").run();
  return db;
}

const rule = (db: Db, scope: string, match: string, dormant: number, propose: number, action = 'anonymise') =>
  db.prepare('INSERT INTO retention_rules (scope, match, dormant_years, propose_years, action) VALUES (?, ?, ?, ?, ?)').run(scope, match, dormant, propose, action);

describe('migration 34: retention rules, dormant marks, batches and run reports', () => {
  it('starts OFF with the default rule (3 years dormant, 5 proposed, anonymise); existing customers are not dormant', () => {
    const db = vaultAt33();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 34));
    expect(schemaVersion(db)).toBe(34);
    expect(db.prepare('SELECT enabled, schedule_days AS every, notice_days AS notice, last_run_at AS last FROM retention_settings').all()).toEqual([{ enabled: 0, every: 30, notice: 30, last: null }]);
    expect(db.prepare('SELECT scope, match, dormant_years AS d, propose_years AS p, action FROM retention_rules').all()).toEqual([{ scope: 'default', match: '', d: 3, p: 5, action: 'anonymise' }]);
    expect(db.prepare('SELECT dormant_at AS d FROM customers').get()).toEqual({ d: null });
  });

  it('keeps rules honest: one per scope and match, proposal never before dormancy, a match exactly when not the default, one settings row', () => {
    const db = vaultAt33();
    migrate(db);
    rule(db, 'industry', 'decoration', 3, 8);
    expect(() => rule(db, 'industry', 'decoration', 4, 8)).toThrow(/UNIQUE/);
    expect(() => rule(db, 'tag', 'vip', 5, 3)).toThrow(/CHECK/);
    expect(() => rule(db, 'level', '', 3, 5)).toThrow(/CHECK/);
    expect(() => rule(db, 'default', 'x', 3, 5)).toThrow(/CHECK/);
    expect(() => rule(db, 'region', 'north', 3, 5)).toThrow(/CHECK/);
    expect(() => rule(db, 'tag', 'vip', 0, 5)).toThrow(/CHECK/);
    expect(() => rule(db, 'tag', 'vip', 3, 5, 'shred')).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO retention_settings (id) VALUES (2)').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE retention_settings SET enabled = 2').run()).toThrow(/CHECK/);
  });

  it('batch members carry the why (rule, last contact) and a known state; runs need a known trigger', () => {
    const db = vaultAt33();
    migrate(db);
    const batch = Number(db.prepare("INSERT INTO retention_batches (state, created_at) VALUES ('proposed', 'now')").run().lastInsertRowid);
    const member = (state: string) => db.prepare("INSERT INTO retention_batch_members (batch_id, customer_id, rule_id, mode, last_contact_at, state) VALUES (?, 1, 1, 'anonymise', '2020-01-01', ?)").run(batch, state);
    member('pending');
    expect(() => member('pending')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("UPDATE retention_batch_members SET state = 'gone'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE retention_batches SET state = 'paused'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO retention_runs (at, trigger, marked, released, proposed, held) VALUES ('now', 'cron', 0, 0, 0, 0)").run()).toThrow(/CHECK/);
  });
});
