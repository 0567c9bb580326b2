import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

describe('migration 17: customer merges, kept for undo', () => {
  it('adds the merges table on a vault with customers, which it leaves untouched', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    migrate(db, MIGRATIONS.slice(0, 16));
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (1, '王伟', 1, 'then', 'then'), (2, '王 伟', 1, 'then', 'then')").run();
    migrate(db, MIGRATIONS.slice(0, 17));
    expect(schemaVersion(db)).toBe(17);
    const columns = (db.prepare('PRAGMA table_info(customer_merges)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'survivor_id', 'merged_ids', 'before', 'user_id', 'merged_at', 'survivor_updated_at', 'undone_at']);
    const insert = db.prepare("INSERT INTO customer_merges (id, survivor_id, merged_ids, before, user_id, merged_at, survivor_updated_at) VALUES (?, 1, ?, ?, 1, 'now', 'now')");
    insert.run('m1', '[2]', '{"survivor":{}}');
    // One or two sources (three customers at most), valid JSON only.
    expect(() => insert.run('m2', '[]', '{}')).toThrow(/CHECK/);
    expect(() => insert.run('m3', '[2,3,4]', '{}')).toThrow(/CHECK/);
    expect(() => insert.run('m4', '[2]', 'not json')).toThrow(/CHECK/);
    expect(() => insert.run('m1', '[2]', '{}')).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) AS n FROM customers WHERE updated_at = ?').get('then')).toEqual({ n: 2 });
    db.close();
  });
});
