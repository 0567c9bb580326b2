import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceTags } from '../../electron/core/customers/customer-repository';
import { keyCustomer } from '../../electron/core/customers/duplicate-keys';
import { indexCustomer, searchCustomerIds } from '../../electron/core/customers/search-index';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

/**
 * A customer as the app wrote it at schema 22: the row, its search and duplicate keys. Not today's
 * insertCustomer, whose row read names columns of later migrations (dormant_at, 034).
 */
function insertAt22(db: Db, name: string, company: string, level: string): number {
  const id = Number(
    db.prepare("INSERT INTO customers (name, company, level, owner_id, created_at, updated_at) VALUES (?, ?, ?, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run(name, company, level).lastInsertRowid,
  );
  const row = { id, name, company, notes: null, email: null, mobile: null, phone: null };
  indexCustomer(db, row, id);
  keyCustomer(db, row, id);
  return id;
}

function vaultAt22(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.slice(0, 22));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
  return db;
}

/** Everything that hangs off customers: what the table rebuild would have had to recreate. */
function schemaAround(db: Db): { name: string; sql: string }[] {
  return db.prepare("SELECT name, sql FROM sqlite_schema WHERE name <> 'customers' AND sql IS NOT NULL AND (tbl_name = 'customers' OR sql LIKE '%customers%') ORDER BY name").all() as { name: string; sql: string }[];
}

function customersSql(db: Db): string {
  return (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'customers'").get() as { sql: string }).sql;
}

function expectHealthy(db: Db): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  // Defensive mode is back on: the schema cannot be edited by ordinary statements any more.
  db.pragma('writable_schema = ON');
  expect(db.pragma('writable_schema', { simple: true })).toBe(0);
}

const addLevel = (db: Db, key: string) => db.prepare("INSERT INTO managed_list_values (list, value, label, position) VALUES ('level', ?, 'Gold', 3)").run(key);

describe('migration 23: levels are a managed list', () => {
  it('on an empty vault: drops only the level CHECK, and the list decides which levels a customer may have', () => {
    const db = vaultAt22();
    const before = customersSql(db);
    const around = schemaAround(db);
    migrate(db, MIGRATIONS.slice(0, 23));
    expect(schemaVersion(db)).toBe(23);
    const after = customersSql(db);
    expect(before).toContain("CHECK (level IN ('vip', 'regular', 'prospect'))");
    expect(after).not.toContain("level IN ('vip'");
    expect(after).toBe(before.replace(" CHECK (level IN ('vip', 'regular', 'prospect'))", ''));
    // Every other CHECK, the STRICT typing and the default survive.
    expect(after).toContain("DEFAULT 'regular'");
    expect(after).toContain('CHECK (birthday IS NULL');
    expect(after).toMatch(/STRICT$/);
    expect(schemaAround(db).filter((s) => !s.name.startsWith('customers_level_known'))).toEqual(around);
    expectHealthy(db);

    const insert = db.prepare("INSERT INTO customers (name, owner_id, level, created_at, updated_at) VALUES ('X', 1, ?, 'now', 'now')");
    expect(() => insert.run('lv_gold')).toThrow(/unknown customer level/);
    addLevel(db, 'lv_gold');
    const id = Number(insert.run('lv_gold').lastInsertRowid);
    expect(db.prepare('SELECT level FROM customers WHERE id = ?').get(id)).toEqual({ level: 'lv_gold' });
    expect(() => db.prepare("UPDATE customers SET level = 'nope' WHERE id = ?").run(id)).toThrow(/unknown customer level/);
    db.close();
  });

  it('on a populated vault: no row is rewritten, search, tags, interactions and reminders keep working', () => {
    const db = vaultAt22();
    const levels = ['vip', 'regular', 'prospect'] as const;
    db.transaction(() => {
      for (let i = 0; i < 600; i += 1) {
        const id = insertAt22(db, i % 2 ? `王伟${i}` : `Ada ${i}`, `Firm ${i}`, levels[i % 3]!);
        replaceTags(db, id, [`t${i % 5}`]);
        db.prepare("INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (?, 'call', '2026-02-01T10:00:00.000Z', 'hi', 1, 'now')").run(id);
        db.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (?, 1, '2026-03-01T10:00:00.000Z', 'call back', 1, 'now')").run(id);
      }
      db.prepare("UPDATE customers SET deleted_at = 'then' WHERE id % 50 = 0").run();
    })();
    const snapshot = () => ({
      rows: db.prepare('SELECT id, name, level, updated_at, sort_name FROM customers ORDER BY id').all(),
      tags: db.prepare('SELECT count(*) AS n FROM customer_tags').get(),
      hours: db.prepare('SELECT * FROM interaction_hours ORDER BY hour, owner_id').all(),
      scopes: db.prepare('SELECT id, scope_owner_id FROM reminders ORDER BY id').all(),
    });
    const before = snapshot();
    const around = schemaAround(db);
    const pageCount = db.pragma('page_count', { simple: true });

    migrate(db, MIGRATIONS.slice(0, 23));
    expect(schemaVersion(db)).toBe(23);
    expect(snapshot()).toEqual(before);
    expect(schemaAround(db).filter((s) => !s.name.startsWith('customers_level_known'))).toEqual(around);
    // No copy of the table was made (the rebuild would have grown the file by the whole table).
    expect(db.pragma('page_count', { simple: true })).toBeLessThanOrEqual((pageCount as number) + 2);
    expectHealthy(db);

    // The indexes still serve the list and the search still finds Chinese and Latin names.
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT id FROM customers WHERE level = ? AND deleted_at IS NULL ORDER BY level, id').all('vip') as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toContain('customers_by_level');
    expect(searchCustomerIds(db, '王伟1', ['name'], 5, { sql: 'c.deleted_at IS NULL', params: [] }).length).toBeGreaterThan(0);
    expect(searchCustomerIds(db, 'Firm 7', ['company'], 5, { sql: 'c.deleted_at IS NULL', params: [] }).length).toBeGreaterThan(0);
    // The triggers on customers still fire (owner change moves the dashboard's hour counts).
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (2, 'b', 'B', 'sales', 'h', 'now')").run();
    db.prepare('UPDATE customers SET owner_id = 2 WHERE id = 1').run();
    expect(db.prepare('SELECT scope_owner_id FROM reminders WHERE customer_id = 1').get()).toEqual({ scope_owner_id: 2 });
    // Foreign keys are still enforced.
    expect(() => db.prepare("INSERT INTO customers (name, owner_id, created_at, updated_at) VALUES ('Y', 99, 'now', 'now')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses a customers table it does not recognise and changes nothing', () => {
    const db = vaultAt22();
    const before = customersSql(db);
    // A vault whose customers table lacks the CHECK text (made by hand, or already edited).
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    const version = db.pragma('schema_version', { simple: true }) as number;
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'customers'").run(before.replace(" CHECK (level IN ('vip', 'regular', 'prospect'))", " CHECK (level IN ('vip', 'regular'))"));
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
    const odd = customersSql(db);
    expect(() => migrate(db, MIGRATIONS.slice(0, 23))).toThrow(/not the one migration 4 created/);
    expect(schemaVersion(db)).toBe(22);
    expect(customersSql(db)).toBe(odd);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
