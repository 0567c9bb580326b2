import fs from 'node:fs';
import { openDatabase } from '../db/open-database';
import { fsyncDirectory } from '../platform/atomic-file';
import { faultPoint } from './fault';
import type { VaultContext } from './context';

/** SQLite's companions of a database file: a stale one would be replayed onto whatever file has that name next. */
function removeSidecars(dbFile: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(dbFile + suffix, { force: true });
}

/** Where the replaced database waits until the restored one has opened. */
export const previousFile = (ctx: VaultContext): string => `${ctx.dbFile}.before-restore`;

/**
 * Gives a restored database file the vault's current key. A backup made before the last key
 * rotation is encrypted with the old key; the keychain and descriptor only know the new one.
 * SQLite3MC cannot rekey a WAL database, so the copy leaves WAL first (it is not live yet).
 */
export function rekeyFile(file: string, from: Uint8Array, to: Uint8Array, nativeBinding: string | undefined): void {
  const db = openDatabase(file, from, { nativeBinding });
  try {
    db.pragma('journal_mode=DELETE');
    db.pragma(`rekey="x'${Buffer.from(to).toString('hex')}'"`);
  } finally {
    db.close();
  }
}

/**
 * Puts `incoming` in the database's place while the vault is closed. The current file is first
 * hard-linked aside (instant, no second copy), then `incoming` is renamed over it: one atomic
 * step, so a crash leaves the old vault or the restored one, never no vault at all. Leftover
 * -wal/-shm files are removed first: SQLite would replay an old WAL onto the restored file.
 */
export function swapDatabaseFile(ctx: VaultContext, incoming: string): void {
  const aside = previousFile(ctx);
  fs.rmSync(aside, { force: true });
  removeSidecars(ctx.dbFile);
  try {
    fs.linkSync(ctx.dbFile, aside);
  } catch {
    fs.copyFileSync(ctx.dbFile, aside); // file systems without hard links (FAT on a USB stick)
  }
  faultPoint('restore:after-aside');
  fs.renameSync(incoming, ctx.dbFile);
  fsyncDirectory(ctx.profileDir);
  faultPoint('restore:after-swap');
}

/** The restored file did not open: the previous one goes back, atomically. */
export function undoSwap(ctx: VaultContext): void {
  removeSidecars(ctx.dbFile);
  fs.renameSync(previousFile(ctx), ctx.dbFile);
  fsyncDirectory(ctx.profileDir);
}
