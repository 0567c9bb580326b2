import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './open-database';

type Statement = Database.Statement<unknown[]>;

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement for `sql` on this connection, prepared once and reused. For statements
 * run on every visit of a hot screen (the dashboard runs about 25): preparing costs SQLite a
 * parse and a plan each time, which at 100,000 customers was a larger share of a dashboard visit
 * than most of its reads once those became index lookups.
 *
 * Only for fixed SQL text (parameters as `?`), and only with get/all/run: an iterate() still in
 * progress would block the same statement's next use. Keyed by the connection object, so a closed
 * and reopened vault (lock, restore, key rotation) starts with an empty cache, and a closed
 * connection's statements go with it. SQLite re-prepares a cached statement by itself if a
 * migration changes the schema under it.
 */
export function cachedStatement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare<unknown[]>(sql)));
  return statement;
}

/** Forgets this connection's statements: tests that watch `db.prepare` (query plans) start clean. */
export function clearStatementCache(db: Db): void {
  caches.delete(db);
}
