import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

describe('migration 15: duplicate keys for the customers already in the vault', () => {
  it('fills normalised keys for every live customer and none for the recycle bin', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    migrate(db, MIGRATIONS.slice(0, 14));
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    const insert = db.prepare("INSERT INTO customers (id, name, owner_id, mobile, phone, email, company, deleted_at, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, 'then', 'then')");
    insert.run(1, '王 伟', '+86 138 0013 8000', '010-12345678', 'Wang@Example.com', '上海顶点有限公司', null);
    insert.run(2, 'Amy', null, null, null, null, null);
    insert.run(3, '李娜', '13900139000', null, null, null, 'then');
    migrate(db, MIGRATIONS.slice(0, 15));
    expect(schemaVersion(db)).toBe(15);
    expect(db.prepare('SELECT customer_id AS id, kind, value FROM customer_keys ORDER BY customer_id, kind, value').all()).toEqual([
      { id: 1, kind: 'company', value: '上海顶点' },
      { id: 1, kind: 'email', value: 'wang@example.com' },
      { id: 1, kind: 'name', value: '王伟' },
      { id: 1, kind: 'phone', value: '+861012345678' },
      { id: 1, kind: 'phone', value: '+8613800138000' },
      { id: 2, kind: 'name', value: 'amy' },
    ]);
    // The customers themselves are untouched.
    expect(db.prepare('SELECT count(*) AS n FROM customers WHERE updated_at = ?').get('then')).toEqual({ n: 3 });
    db.close();
  });
});
