import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../electron/core/db/open-database';
import type { Router } from '../../electron/ipc/router';

/** Owner: backups. Manager: every customer, contact fields in full. Sales: own customers, masked. */
export const OWNER = 'bench-owner';
export const MANAGER = 'bench-manager';
export const SALES = 'bench-sales';
/** Support: every customer, basic fields only; signed in for the dashboard rows. */
export const SUPPORT = 'bench-support';
export const PAGE = 50;

/** The same settings electron/core/db/open-database.ts gives the vault, minus the cipher. */
export function openPlain(file: string): Db {
  const db = new Database(file, { fileMustExist: true });
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.pragma('cache_size=-65536');
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL');
  db.pragma('foreign_keys=ON');
  return db;
}

export async function call<T>(router: Router, senderId: string, channel: string, input: unknown): Promise<T> {
  const result = await router.dispatch({ senderId }, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export const mb = (bytes: number) => bytes / 1024 / 1024;

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
