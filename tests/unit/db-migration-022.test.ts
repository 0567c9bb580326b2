import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

describe('migration 22: shop profile and managed lists', () => {
  it('adds one profile row (CNY, no name) and lists seeded from the values live customers use', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    migrate(db, MIGRATIONS.slice(0, 21));
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    const customer = db.prepare("INSERT INTO customers (id, name, owner_id, region, deleted_at, created_at, updated_at) VALUES (?, ?, 1, ?, ?, 'then', 'then')");
    customer.run(1, '王伟', '华南', null);
    customer.run(2, 'Ada', '华东', null);
    customer.run(3, 'Bo', '华南', null);
    customer.run(4, 'Gone', '西北', 'deleted'); // in the recycle bin: not offered
    customer.run(5, 'Cy', null, null);
    const tag = db.prepare('INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)');
    tag.run(1, 'wholesale');
    tag.run(2, 'wholesale');
    tag.run(2, '老客户');
    tag.run(4, 'only-deleted');

    migrate(db, MIGRATIONS.slice(0, 22));
    expect(schemaVersion(db)).toBe(22);
    expect(db.prepare('SELECT name, currency FROM shop_profile').all()).toEqual([{ name: '', currency: 'CNY' }]);
    // One row only: a second profile cannot appear.
    expect(() => db.prepare("INSERT INTO shop_profile (id, name) VALUES (2, 'x')").run()).toThrow(/CHECK/);

    const list = (name: string) => db.prepare('SELECT value, label, position FROM managed_list_values WHERE list = ? ORDER BY position').all(name);
    expect(list('level')).toEqual([
      { value: 'vip', label: null, position: 0 },
      { value: 'regular', label: null, position: 1 },
      { value: 'prospect', label: null, position: 2 },
    ]);
    expect(list('tag')).toEqual([
      { value: 'wholesale', label: null, position: 0 },
      { value: '老客户', label: null, position: 1 },
    ]);
    expect(list('region')).toEqual([
      { value: '华东', label: null, position: 0 },
      { value: '华南', label: null, position: 1 },
    ]);
    expect(() => db.prepare("INSERT INTO managed_list_values (list, value, position) VALUES ('colour', 'red', 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO managed_list_values (list, value, position) VALUES ('tag', 'wholesale', 9)").run()).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});
