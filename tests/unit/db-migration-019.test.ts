import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCustomers, sortValueOf } from '../../electron/core/customers/customer-repository';
import { pinyinIndexCurrent, rebuildPinyinStep, writePinyinKeys } from '../../electron/core/customers/pinyin-index';
import { sortNameOf } from '../../electron/core/customers/pinyin-keys';
import { setMeta } from '../../electron/core/db/meta-repository';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

const NAMES = ['Zoe', '王伟', 'Bob', '陈', 'alice', '白雪', 'Walter', '曾乐', '欧阳娜娜', 'Wang Ltd', '王', 'Chen Li', '陳靜'];
// Pinyin order, Latin and Chinese interleaved: 王 and 王伟 under W, 曾 read as the surname zeng.
const SORTED = ['alice', '白雪', 'Bob', '陈', '陳靜', 'Chen Li', '欧阳娜娜', 'Walter', '王', 'Wang Ltd', '王伟', '曾乐', 'Zoe'];

function vaultAt18(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.slice(0, 18));
  const user = db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'h', 'now')");
  user.run(1, 'a', 'A', 'owner');
  user.run(2, 's', 'S', 'sales');
  const insert = db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at, deleted_at) VALUES (?, ?, ?, 'then', 'then', ?)");
  NAMES.forEach((name, i) => insert.run(i + 1, name, i % 2 === 0 ? 1 : 2, null));
  insert.run(100, '王刚', 1, '2026-01-01');
  return db;
}

const sortNameColumn = (db: Db, id: number) => (db.prepare('SELECT sort_name AS s FROM customers WHERE id = ?').get(id) as { s: string }).s;
const plan = (db: Db, sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 19: a name sort key kept with the row', () => {
  it('sort keys: pinyin syllables for Chinese, lower case for Latin, the name as tiebreak', () => {
    expect(sortNameOf('王伟')).toBe('wang wei\u0001王伟');
    expect(sortNameOf('Alice')).toBe('alice\u0001Alice');
    expect(sortNameOf('曾乐')).toBe('zeng le\u0001曾乐');
    expect(sortNameOf('陳靜')).toBe('chen jing\u0001陳靜');
    expect(sortNameOf('Tony王')).toBe('tony wang\u0001Tony王');
    // 王 alone first (its key ends where the others go on), then by the next syllable: ltd before wei.
    expect([sortNameOf('王伟'), sortNameOf('王'), sortNameOf('Wang Ltd')].sort()).toEqual([sortNameOf('王'), sortNameOf('Wang Ltd'), sortNameOf('王伟')]);
  });

  it('adds the column filled with the Latin form (never NULL) and clears the index version so the rebuild writes pinyin', () => {
    const db = vaultAt18();
    setMeta(db, 'pinyin_index_version', 'keys-1;pinyin-pro-3.29.4;opencc-js-1.4.2');
    migrate(db, MIGRATIONS.slice(0, 19));
    expect(schemaVersion(db)).toBe(19);
    expect(sortNameColumn(db, 1)).toBe('zoe\u0001Zoe');
    expect(sortNameColumn(db, 2)).toBe('王伟\u0001王伟');
    expect(db.prepare('SELECT count(*) AS n FROM customers WHERE sort_name IS NULL').get()).toEqual({ n: 0 });
    expect(pinyinIndexCurrent(db)).toBe(false);
    while (!rebuildPinyinStep(db, 4));
    expect(sortNameColumn(db, 2)).toBe('wang wei\u0001王伟');
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['customers_by_sort_name', 'customers_by_owner_sort_name']));
    db.close();
  });

  it('the list sorted by name interleaves Latin and Chinese names, pages by keyset and by position, both directions', () => {
    const db = vaultAt18();
    // Today's list reads the later migrations' columns too.
    migrate(db, MIGRATIONS);
    while (!rebuildPinyinStep(db, 5));
    const names = (rows: { name: string }[]) => rows.map((r) => r.name);
    expect(names(listCustomers(db, { sort: 'name', descending: false, limit: 50 }))).toEqual(SORTED);
    expect(names(listCustomers(db, { sort: 'name', descending: true, limit: 50 }))).toEqual([...SORTED].reverse());
    const first = listCustomers(db, { sort: 'name', descending: false, limit: 5 });
    const last = first[first.length - 1]!;
    expect(names(listCustomers(db, { sort: 'name', descending: false, limit: 50, after: { value: sortValueOf(last, 'name'), id: last.id } }))).toEqual(SORTED.slice(5));
    expect(names(listCustomers(db, { sort: 'name', descending: false, limit: 3, offset: 7 }))).toEqual(SORTED.slice(7, 10));
    // A salesperson's own book, in the same order.
    const own = SORTED.filter((name) => NAMES.indexOf(name) % 2 === 1);
    expect(names(listCustomers(db, { ownerId: 2, sort: 'name', descending: false, limit: 50 }))).toEqual(own);
    // A rename writes the new key in the same transaction (every write reaches writePinyinKeys).
    db.prepare("UPDATE customers SET name = '阿明' WHERE id = 1").run();
    writePinyinKeys(db, 1, '阿明');
    expect(names(listCustomers(db, { sort: 'name', descending: false, limit: 1 }))).toEqual(['阿明']);
    db.close();
  });

  it('the name sort reads an index in order, for everyone and for one owner: no temporary b-tree, no scan of the table', () => {
    const db = vaultAt18();
    migrate(db, MIGRATIONS.slice(0, 19));
    const all = plan(db, 'SELECT c.id FROM customers c WHERE c.deleted_at IS NULL ORDER BY c.sort_name, c.id LIMIT 50');
    expect(all).toContain('customers_by_sort_name');
    expect(all).not.toContain('TEMP B-TREE');
    const own = plan(db, 'SELECT c.id FROM customers c WHERE c.deleted_at IS NULL AND c.owner_id = ? ORDER BY c.sort_name, c.id LIMIT 50', 2);
    expect(own).toContain('customers_by_owner_sort_name (owner_id=?)');
    expect(own).not.toContain('TEMP B-TREE');
    const keyset = plan(db, 'SELECT c.id FROM customers c WHERE c.deleted_at IS NULL AND c.owner_id = ? AND (c.sort_name, c.id) > (?, ?) ORDER BY c.sort_name, c.id LIMIT 50', 2, 'm', 1);
    expect(keyset).toContain('customers_by_owner_sort_name');
    expect(keyset).not.toContain('TEMP B-TREE');
    // The count the list shows is an index count too, never a table scan.
    expect(plan(db, 'SELECT count(*) FROM customers c WHERE c.deleted_at IS NULL AND c.owner_id = ?', 2)).toMatch(/USING (COVERING )?INDEX/);
    db.close();
  });
});
