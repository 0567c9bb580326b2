import type { Db } from './open-database';
import { cachedStatement } from './statement-cache';

// Cached statements: every audited call reads and moves the audit head here, and every routed
// call reads the idle limit (session-service.ts idleLimitMs).

export function getMeta(db: Db, key: string): string | undefined {
  const row = cachedStatement(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  cachedStatement(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
