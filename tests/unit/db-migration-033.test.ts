import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultAt32(optionalFields?: 'on' | 'off'): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 33));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  if (optionalFields) db.prepare("INSERT INTO meta (key, value) VALUES ('customers.optionalFields', ?)").run(optionalFields);
  return db;
}

const states = (db: Db) => Object.fromEntries((db.prepare('SELECT field, enabled FROM customer_field_settings').all() as { field: string; enabled: number }[]).map((r) => [r.field, r.enabled]));

describe('migration 33: per-field switches, notes for support, the disclosure register', () => {
  it('carries the old "optional fields on" switch into ID number and bank card; every other field starts on; the meta key goes', () => {
    const db = vaultAt32('on');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 33));
    expect(schemaVersion(db)).toBe(33);
    const s = states(db);
    expect(s).toMatchObject({ idNumber: 1, bankCard: 1, mobile: 1, notes: 1, region: 1 });
    expect(Object.keys(s)).toHaveLength(15);
    expect(s).not.toHaveProperty('name');
    expect(s).not.toHaveProperty('level');
    expect(db.prepare("SELECT value FROM meta WHERE key = 'customers.optionalFields'").get()).toBeUndefined();
    expect(db.prepare('SELECT notes_for_support AS n FROM privacy_settings').get()).toEqual({ n: 0 });
  });

  it.each([['off' as const], [undefined]])('old switch %s (or never set): ID number and bank card stay off', (old) => {
    const db = vaultAt32(old);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 33));
    expect(states(db)).toMatchObject({ idNumber: 0, bankCard: 0, email: 1 });
  });

  it('refuses unknown fields, a required field, and a disclosure without recipient, purpose or a known regime', () => {
    const db = vaultAt32();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 33));
    expect(() => db.prepare("INSERT INTO customer_field_settings (field, enabled) VALUES ('name', 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE customer_field_settings SET enabled = 2 WHERE field = 'mobile'").run()).toThrow(/CHECK/);
    const insert = db.prepare("INSERT INTO disclosures (recorded_at, recorded_by, recipient, purpose, basis, regime, row_count) VALUES ('now', ?, ?, ?, 'consent', ?, 3)");
    insert.run(1, '顺丰速运', '配送', 'pipl');
    expect(() => insert.run(1, '', '配送', 'pipl')).toThrow(/CHECK/);
    expect(() => insert.run(1, '顺丰速运', '', 'pipl')).toThrow(/CHECK/);
    expect(() => insert.run(1, '顺丰速运', '配送', 'lgpd')).toThrow(/CHECK/);
    expect(() => insert.run(99, '顺丰速运', '配送', 'pipl')).toThrow(/FOREIGN KEY/);
    db.prepare('INSERT INTO disclosure_customers (disclosure_id, customer_id) VALUES (1, 5)').run();
    expect(() => db.prepare('INSERT INTO disclosure_customers (disclosure_id, customer_id) VALUES (7, 5)').run()).toThrow(/FOREIGN KEY/);
  });
});
