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

const columns = (db: Db, table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

describe('migration 2: audit log', () => {
  it('adds an append-only audit_log on top of 1', () => {
    const db = dbAt(1);
    migrate(db, MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    db.prepare("INSERT INTO audit_log (id, at, action, outcome, prev_hash, hash) VALUES (1, 'now', 'login', 'ok', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO audit_log (id, at, action, outcome, prev_hash, hash) VALUES (2, 'now', 'login', 'maybe', 'p', 'h')").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 3: sign-in security', () => {
  it('adds second-factor and lockout columns to existing users, with safe defaults', () => {
    const db = dbAt(2);
    db.prepare("INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('a', 'A', 'owner', 'h', 'now')").run();
    migrate(db, MIGRATIONS.slice(0, 3));
    expect(schemaVersion(db)).toBe(3);
    expect(columns(db, 'users')).toEqual(expect.arrayContaining(['totp_secret', 'totp_last_step', 'recovery_code_hashes', 'failed_logins']));
    expect(db.prepare('SELECT totp_secret, totp_last_step, recovery_code_hashes, failed_logins FROM users').get()).toEqual({
      totp_secret: null,
      totp_last_step: 0,
      recovery_code_hashes: '[]',
      failed_logins: 0,
    });
    db.close();
  });
});

describe('migration 4: customers', () => {
  it('creates customers and tags with their constraints', () => {
    const db = dbAt(3);
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(schemaVersion(db)).toBe(4);
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (1, '王伟', 1, 'now', 'now')").run();
    expect(db.prepare('SELECT level, deleted_at FROM customers').get()).toEqual({ level: 'regular', deleted_at: null });
    expect(() => db.prepare("INSERT INTO customers (name, owner_id, level, created_at, updated_at) VALUES ('x', 1, 'gold', 'now', 'now')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO customers (name, owner_id, created_at, updated_at) VALUES ('x', 99, 'now', 'now')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO customer_tags (customer_id, tag) VALUES (1, 'vip')").run();
    expect(() => db.prepare("INSERT INTO customer_tags (customer_id, tag) VALUES (1, 'vip')").run()).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});

describe('migration 5: approvals', () => {
  it('creates approvals with kind and status constraints', () => {
    const db = dbAt(4);
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(schemaVersion(db)).toBe(5);
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    db.prepare("INSERT INTO approvals (kind, target_user_id, payload, requested_by, requested_at) VALUES ('user.role', 1, '{}', 1, 'now')").run();
    expect(db.prepare('SELECT status FROM approvals').get()).toEqual({ status: 'pending' });
    expect(() => db.prepare("INSERT INTO approvals (kind, target_user_id, payload, requested_by, requested_at) VALUES ('export', 1, '{}', 1, 'now')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE approvals SET status = 'maybe'").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 6: customer search', () => {
  it('creates a trigram FTS5 table that finds Chinese substrings, and the short-gram table', () => {
    const db = dbAt(5);
    migrate(db, MIGRATIONS.slice(0, 6));
    expect(schemaVersion(db)).toBe(6);
    db.prepare("INSERT INTO customer_search (rowid, name, company, notes, email, phone) VALUES (1, '张三丰', '上海贸易有限公司', '', '', '')").run();
    expect(db.prepare("SELECT rowid FROM customer_search WHERE customer_search MATCH '\"贸易有\"'").all()).toEqual([{ rowid: 1 }]);
    db.prepare("INSERT INTO customer_grams (gram, customer_id) VALUES ('王伟', 1)").run();
    expect(() => db.prepare("INSERT INTO customer_grams (gram, customer_id) VALUES ('王伟', 1)").run()).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});

describe('migration 7: interactions and purchases', () => {
  it('creates both tables with their constraints', () => {
    const db = dbAt(6);
    migrate(db, MIGRATIONS.slice(0, 7));
    expect(schemaVersion(db)).toBe(7);
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (1, 'x', 1, 'now', 'now')").run();
    db.prepare("INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (1, 'wechat', 'now', 's', 1, 'now')").run();
    expect(() => db.prepare("INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (1, 'fax', 'now', 's', 1, 'now')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO purchases (customer_id, date, item, amount_minor, currency, user_id, created_at) VALUES (1, 'd', 'i', -1, 'CNY', 1, 'now')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO purchases (customer_id, date, item, amount_minor, currency, user_id, created_at) VALUES (1, 'd', 'i', 1.5, 'CNY', 1, 'now')").run()).toThrow();
    expect(() => db.prepare("INSERT INTO purchases (customer_id, date, item, amount_minor, currency, user_id, created_at) VALUES (2, 'd', 'i', 1, 'CNY', 1, 'now')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migration 8: reminders', () => {
  it('creates reminders on top of 7, keeps existing customers, and checks status and owner', () => {
    const db = dbAt(7);
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (1, 'x', 1, 'now', 'now')").run();
    migrate(db, MIGRATIONS.slice(0, 8));
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
    db.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (1, 1, 'due', 'n', 1, 'now')").run();
    expect(db.prepare('SELECT status, snoozed, notified_at FROM reminders').get()).toEqual({ status: 'open', snoozed: 0, notified_at: null });
    expect(() => db.prepare("UPDATE reminders SET status = 'later'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (2, 1, 'due', 'n', 1, 'now')").run()).toThrow(/FOREIGN KEY/);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['reminders_open_by_due', 'customers_by_last_contact', 'customers_by_region']));
    db.close();
  });
});

describe('migration 9: backups', () => {
  it('adds backup history and drill reports on top of 8 with their checks', () => {
    const db = dbAt(8);
    migrate(db, MIGRATIONS.slice(0, 9));
    expect(schemaVersion(db)).toBe(9);
    db.prepare("INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file_name, bytes) VALUES ('a', 'b', 'manual', 'ok', 'f', 1)").run();
    expect(() => db.prepare("INSERT INTO backup_runs (started_at, finished_at, trigger, outcome) VALUES ('a', 'b', 'cron', 'ok')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO drill_reports (at, backup_name, restore_ms, passed, checks) VALUES ('a', 'f', 5, 1, '[]')").run();
    expect(() => db.prepare("INSERT INTO drill_reports (at, backup_name, restore_ms, passed, checks) VALUES ('a', 'f', 5, 2, '[]')").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 10: read-path indexes', () => {
  it('indexes grams by customer and customers by owner and name, on top of 9, keeping the data', () => {
    const db = dbAt(9);
    db.prepare("INSERT INTO customer_grams (gram, customer_id) VALUES ('王', 1), ('王伟', 1), ('李', 2)").run();
    migrate(db, MIGRATIONS.slice(0, 10));
    expect(schemaVersion(db)).toBe(10);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('DELETE FROM customer_grams WHERE customer_id = 1')).toContain('customer_grams_by_customer');
    expect(plan('SELECT id FROM customers WHERE owner_id = 2 AND deleted_at IS NULL ORDER BY name, id LIMIT 50')).toContain('customers_by_owner_name');
    db.prepare('DELETE FROM customer_grams WHERE customer_id = 1').run();
    expect(db.prepare('SELECT gram FROM customer_grams').all()).toEqual([{ gram: '李' }]);
    db.close();
  });
});
