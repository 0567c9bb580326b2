import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildPinyinStep, pinyinIndexCurrent, searchPinyinIds } from '../../electron/core/customers/pinyin-index';
import { PINYIN_INDEX_VERSION } from '../../electron/core/customers/pinyin-keys';
import { getMeta, setMeta } from '../../electron/core/db/meta-repository';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

const everyone = { sql: 'c.deleted_at IS NULL', params: [] };
const keysOf = (db: Db, id: number) => (db.prepare('SELECT key FROM customer_pinyin WHERE customer_id = ? ORDER BY key').all(id) as { key: string }[]).map((r) => r.key);

function vaultAt13(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.slice(0, 13));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
  const insert = db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at, deleted_at) VALUES (?, ?, 1, 'then', 'then', ?)");
  insert.run(1, '王伟', null);
  insert.run(2, '曾乐', null);
  insert.run(3, '单伟', null);
  insert.run(4, '欧阳娜娜', null);
  insert.run(5, '王刚', '2026-01-01');
  return db;
}

describe('migration 14: pinyin keys of customer names', () => {
  it('creates the key table empty and leaves the index version unset, so the rebuild fills it', () => {
    const db = vaultAt13();
    migrate(db, MIGRATIONS.slice(0, 14));
    expect(schemaVersion(db)).toBe(14);
    expect(db.prepare('SELECT count(*) AS n FROM customer_pinyin').get()).toEqual({ n: 0 });
    expect(pinyinIndexCurrent(db)).toBe(false);
    db.close();
  });

  it('rebuilds in resumable batches: a stop between batches keeps what was done and continues after it', () => {
    const db = vaultAt13();
    // The rebuild is today's code, which also writes the name sort key of migration 19.
    migrate(db, MIGRATIONS);
    expect(rebuildPinyinStep(db, 2)).toBe(false);
    expect(getMeta(db, 'pinyin_rebuild')).toBe(`${PINYIN_INDEX_VERSION}|2`);
    expect(keysOf(db, 2)).toContain('zengle');
    expect(keysOf(db, 3)).toEqual([]);
    // A crash here loses nothing: the next step starts after customer 2.
    expect(rebuildPinyinStep(db, 2)).toBe(false);
    expect(rebuildPinyinStep(db, 2)).toBe(true);
    expect(pinyinIndexCurrent(db)).toBe(true);
    expect(getMeta(db, 'pinyin_rebuild')).toBeUndefined();
    expect(keysOf(db, 3)).toContain('shanwei');
    // The recycle bin is not searchable, in pinyin either.
    expect(keysOf(db, 5)).toEqual([]);
    expect(searchPinyinIds(db, 'oy', 10, everyone)).toEqual([4]);
    expect(searchPinyinIds(db, 'wang wei', 10, everyone)).toEqual([1]);
    db.close();
  });

  it('starts over when the stored version is not the code’s, even half-way through an older rebuild', () => {
    const db = vaultAt13();
    migrate(db, MIGRATIONS);
    while (!rebuildPinyinStep(db, 10));
    db.prepare('DELETE FROM customer_pinyin WHERE customer_id = 1').run();
    db.prepare("INSERT INTO customer_pinyin (key, customer_id, kind) VALUES ('stale', 1, 0)").run();
    setMeta(db, 'pinyin_index_version', 'keys-0');
    setMeta(db, 'pinyin_rebuild', 'keys-0|3');
    expect(pinyinIndexCurrent(db)).toBe(false);
    while (!rebuildPinyinStep(db, 2));
    expect(keysOf(db, 1)).toContain('wangwei');
    expect(keysOf(db, 1)).not.toContain('stale');
    db.close();
  });
});
