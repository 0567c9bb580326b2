import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultAt30(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 31));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  db.prepare("INSERT INTO customers (id, name, mobile, owner_id, created_at, updated_at) VALUES (1, '王伟', '13800138000', 1, 'now', 'now')").run();
  return db;
}

const entry = (db: Db, over: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO privacy_log (request_id, customer_id, mode, trigger, masked_name, masked_phone, touched, actor_id, at, check_passed, check_detail)
       VALUES (@request_id, 1, @mode, @trigger, '王*', '138****8000', @touched, @actor_id, 'now', 1, '{}')`,
    )
    .run({ request_id: null, mode: 'anonymise', trigger: 'manual', touched: '{"customers":1}', actor_id: 1, ...over });

describe('migration 31: the privacy log and the hold / erased marks on customers', () => {
  it('adds an empty privacy log; existing customers are not held and not erased', () => {
    const db = vaultAt30();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 31));
    expect(schemaVersion(db)).toBe(31);
    expect(db.prepare('SELECT count(*) AS n FROM privacy_log').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT name, legal_hold AS hold, erased_at AS erased FROM customers').get()).toEqual({ name: '王伟', hold: 0, erased: null });
  });

  it('keeps entries honest: known modes and triggers, JSON detail, a hold of 0 or 1; the request id is a free integer (no foreign key)', () => {
    const db = vaultAt30();
    migrate(db);
    entry(db, { request_id: 4711 });
    entry(db, { actor_id: null, trigger: 'auto-purge', mode: 'delete' });
    expect(() => entry(db, { mode: 'shred' })).toThrow(/CHECK/);
    expect(() => entry(db, { trigger: 'cron' })).toThrow(/CHECK/);
    expect(() => entry(db, { touched: 'not json' })).toThrow(/CHECK/);
    expect(() => entry(db, { actor_id: 99 })).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('UPDATE customers SET legal_hold = 2').run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM privacy_log').get()).toEqual({ n: 2 });
  });
});
