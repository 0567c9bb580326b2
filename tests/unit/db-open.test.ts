import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapSqliteError, openDatabase } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

describe('openDatabase', () => {
  it('opens SQLCipher with WAL, synchronous FULL, foreign keys and a 64 MiB cache', () => {
    const file = path.join(tempDir(), 'v.db');
    const key = randomBytes(32);
    const db = openDatabase(file, key, { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('cache_size', { simple: true })).toBe(-65536);
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('hello')");
    db.close();
    // Encrypted: the SQLite plain-text header is not there.
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const again = openDatabase(file, key);
    expect(again.prepare('SELECT x FROM t').get()).toEqual({ x: 'hello' });
    again.close();
  });

  it('fails fast on a wrong key with WRONG_KEY, before touching the file', () => {
    const file = path.join(tempDir(), 'v.db');
    openDatabase(file, randomBytes(32), { create: true }).close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file, randomBytes(32))).toThrow(expect.objectContaining({ code: 'WRONG_KEY' }));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('does not create a missing database unless asked (a wrong path must not start an empty vault)', () => {
    const file = path.join(tempDir(), 'missing.db');
    expect(() => openDatabase(file, randomBytes(32))).toThrow(expect.objectContaining({ code: 'VAULT_UNREADABLE' }));
    expect(fs.existsSync(file)).toBe(false);
  });

  it('passes nativeBinding through to better-sqlite3', () => {
    const file = path.join(tempDir(), 'v.db');
    const bogus = path.join(tempDir(), 'not-a-binding.node');
    fs.writeFileSync(bogus, 'nope');
    expect(() => openDatabase(file, randomBytes(32), { create: true, nativeBinding: bogus })).toThrow();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('turns a full disk into STORAGE_UNAVAILABLE that says what to do', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    db.exec('CREATE TABLE t (x BLOB)');
    // max_page_count makes SQLite report SQLITE_FULL exactly as on a full disk.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let caught: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (?)').run(randomBytes(64 * 1024));
    } catch (error) {
      caught = error;
    }
    db.close();
    expect((caught as { code?: string }).code).toBe('SQLITE_FULL');
    expect(mapSqliteError(caught)).toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/disk is full.*free some space/i) });
  });
});
