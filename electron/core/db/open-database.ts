import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { CofferError } from '../../../shared/errors';
import { mapFsError, storageError } from './storage-errors';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path to a better-sqlite3 build for the running runtime (Electron); undefined under Node. */
  nativeBinding?: string | undefined;
  /** Only setup may create the file; every later open must find it, or a typo'd path would
   *  silently start an empty vault. */
  create?: boolean;
}

const KEY_BYTES = 32;

/**
 * Opens the SQLCipher database with a raw 256-bit key and the settings every connection relies
 * on. Throws WRONG_KEY when the key does not decrypt page 1 (the caller, who knows whether the
 * key is authentic, may re-map that to VAULT_UNREADABLE).
 */
export function openDatabase(file: string, key: Uint8Array, options: OpenDatabaseOptions = {}): Db {
  if (key.length !== KEY_BYTES) throw new CofferError('INTERNAL', 'The vault key has the wrong length.');
  if (!options.create) assertNotEmpty(file);
  let db: Db;
  try {
    db = new Database(file, {
      fileMustExist: !options.create,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw mapSqliteError(error);
  }
  try {
    // SQLCipher 4 page format with a raw key: no per-open KDF (about 8 ms instead of 150 ms);
    // the key is already 256 random bits, so stretching it would add nothing.
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    // Fail fast: the key is only checked when page 1 is read, so read it before anything else
    // (in particular before switching to WAL, which would write to the file).
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // SQLite's default page cache makes encrypted reads slower than plain, because every cache
    // miss decrypts a page; 64 MiB of cache brings them back near plain speed. Measured with
    // `node bench/page-cache.mjs --rows 1000000` (2 cores): SQLCipher/plain 3.0x point reads and 5.8x
    // pages of 50 with the default cache, 1.26x and 1.21x with 64 MiB. At 100k rows both are ~1x.
    db.pragma('cache_size=-65536');
    expectPragma(db, 'journal_mode=WAL', 'wal');
    // FULL: a committed transaction survives power loss, not just a process crash.
    db.pragma('synchronous=FULL');
    expectPragma(db, 'synchronous', 2);
    db.pragma('foreign_keys=ON');
    expectPragma(db, 'foreign_keys', 1);
    keepTempInMemory(db);
    // Issue 16: a deleted or purged row's bytes are overwritten with zeros inside the page, not
    // left in free space, so a purge leaves nothing readable even with the key. Per connection
    // (SQLite does not store it in the file); the cost is in docs/benchmarks.md (npm run bench).
    db.pragma('secure_delete=ON');
    expectPragma(db, 'secure_delete', 1);
    return db;
  } catch (error) {
    db.close();
    throw mapSqliteError(error);
  }
}

/**
 * A read-only connection to a vault file: a backup's decrypted snapshot, or the live vault read
 * from a worker thread (audit verify, erasure checks). The same cipher, key check, page cache and
 * in-memory temp as openDatabase; nothing is written, so no WAL or sync settings. A failure to
 * open the file or to decrypt page 1 goes through `mapError`, the caller's own words for it
 * (a damaged backup is not a damaged vault); settings that do not take stay STORAGE_UNAVAILABLE.
 */
export function openVaultReader(file: string, key: Uint8Array, nativeBinding: string | undefined, mapError: (error: unknown, phase: 'open' | 'key') => unknown): Db {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    throw mapError(error, 'open');
  }
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw mapError(error, 'key');
  }
  try {
    // The vault's page cache (above): integrity_check of the 100,000-customer vault takes 19.6 s
    // with SQLite's default cache and 7.8 s with this (npm run bench).
    db.pragma('cache_size=-65536');
    keepTempInMemory(db); // integrity_check, the drill's and the checks' sorts: never onto the disk in clear
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * SQLite's temporary files (sorts that outgrow the cache, temp tables and indexes, big
 * subqueries) are not encrypted by SQLCipher; with temp_store=MEMORY they never reach the disk.
 * Every connection to vault data calls this: the vault, backup snapshots, the backup worker.
 */
export function keepTempInMemory(db: Db): void {
  db.pragma('temp_store=MEMORY');
  expectPragma(db, 'temp_store', 2);
}

function assertNotEmpty(file: string): void {
  // SQLite treats an empty file as a new, empty database and would happily "open" it with any
  // key, then write to it. A vault file is never empty, so an empty one is damage to report.
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw mapSqliteError({ code: 'SQLITE_CANTOPEN' });
    throw mapSqliteError(error);
  }
  if (size === 0) throw mapSqliteError({ code: 'SQLITE_CORRUPT' });
}

function expectPragma(db: Db, pragma: string, expected: string | number): void {
  const actual: unknown = db.pragma(pragma, { simple: true });
  const normalized = typeof actual === 'string' ? actual.toLowerCase() : actual;
  if (normalized !== expected) {
    throw new CofferError('STORAGE_UNAVAILABLE', 'The vault could not be opened with safe storage settings. Move the profile folder to a local disk and try again.');
  }
}

export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns SQLite's and the file system's failures into errors that tell the user what to do. */
export function mapSqliteError(error: unknown): unknown {
  if (error instanceof CofferError) return error;
  const code = sqliteCode(error) ?? '';
  if (code === 'SQLITE_NOTADB') {
    return new CofferError('WRONG_KEY', 'This key does not open the vault. Unlock with your recovery key instead.');
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new CofferError('VAULT_UNREADABLE', 'The vault file is damaged and cannot be read. Nothing has been changed or deleted: restore it from your most recent backup, or contact support with the file left in place.');
  }
  if (code === 'SQLITE_FULL') return storageError('ENOSPC');
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') return storageError('EROFS');
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new CofferError('VAULT_UNREADABLE', 'The vault file could not be found or opened. Check that the profile folder is present and on a connected local disk, then try again.');
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new CofferError('STORAGE_UNAVAILABLE', 'The disk reported an error while reading the vault. Nothing has been deleted. Check the disk and free space, then try again.');
  }
  return mapFsError(error);
}
