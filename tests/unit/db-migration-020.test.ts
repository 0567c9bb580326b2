import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

describe('migration 20: WeChat ID and birthday on customers', () => {
  it('adds both columns to existing customers (empty), keeps birthdays to YYYY-MM-DD, and indexes WeChat IDs case-insensitively', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    migrate(db, MIGRATIONS.slice(0, 19));
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (1, 'Before', 1, 'then', 'then')").run();
    migrate(db, MIGRATIONS.slice(0, 20));
    expect(schemaVersion(db)).toBe(20);
    expect(db.prepare('SELECT wechat, birthday FROM customers WHERE id = 1').get()).toEqual({ wechat: null, birthday: null });

    db.prepare("UPDATE customers SET wechat = 'WXID_Abc123', birthday = '1990-03-07' WHERE id = 1").run();
    expect(() => db.prepare("UPDATE customers SET birthday = '1990-03-07T08:00:00Z' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE customers SET birthday = '7/3/1990' WHERE id = 1").run()).toThrow(/CHECK/);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM customers WHERE lower(wechat) = lower(?) AND deleted_at IS NULL AND wechat IS NOT NULL").all('wxid_abc123') as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toContain('customers_by_wechat');
    expect(db.prepare('SELECT id FROM customers WHERE lower(wechat) = lower(?) AND deleted_at IS NULL AND wechat IS NOT NULL').all('wxid_abc123')).toEqual([{ id: 1 }]);
    db.close();
  });
});
