import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/open-database';
import { openSnapshot } from '../../electron/core/backup/snapshot';

/**
 * Run with SQLITE_TMPDIR pointing at an empty folder. Forces what makes SQLite write temporary
 * files (a sort larger than the cache, a temp table larger than the cache) on a real vault
 * connection and on a snapshot connection, and reports, while those are still open, every file
 * this process holds open in that folder (SQLite unlinks its temp files at once, so the folder's
 * listing alone would show nothing) and whether any of them holds the marker in clear.
 * argv: <work dir> <"app" | "control">. "control" turns temp_store back to FILE, to show that the
 * check sees temporary files when they are there.
 */
const [dir, mode] = process.argv.slice(2) as [string, 'app' | 'control'];
const tmp = process.env.SQLITE_TMPDIR!;
const MARKER = 'TEMPFILE-MARKER-4471';
const key = randomBytes(32);
const file = path.join(dir, 'coffer.db');

function openTempFiles(): { count: number; marker: boolean } {
  let count = 0;
  let marker = false;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (!target.startsWith(tmp + path.sep)) continue;
    count += 1;
    if (fs.readFileSync(`/proc/self/fd/${fd}`).includes(Buffer.from(MARKER))) marker = true;
  }
  return { count, marker };
}

function force(db: ReturnType<typeof openDatabase>): { count: number; marker: boolean } {
  if (mode === 'control') db.pragma('temp_store=FILE');
  // A small cache makes a few megabytes enough to spill; the vault's own 64 MiB only raises the bar.
  db.pragma('cache_size=50');
  db.exec('CREATE TEMP TABLE scratch (body TEXT)');
  db.pragma('temp.cache_size=50');
  const insert = db.prepare('INSERT INTO scratch (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 20_000; i += 1) insert.run(`${MARKER} ${randomBytes(100).toString('hex')}`);
  })();
  // A big ORDER BY on a column with no index: the sorter spills to temp files unless in memory.
  const rows = db.prepare('SELECT body FROM big ORDER BY body').iterate();
  rows.next(); // the sort has run; its files (if any) are open until the statement finishes
  const seen = openTempFiles();
  rows.return?.();
  db.exec('DROP TABLE scratch');
  return seen;
}

const db = openDatabase(file, key, { create: true });
db.exec('CREATE TABLE big (body TEXT)');
const insert = db.prepare('INSERT INTO big (body) VALUES (?)');
db.transaction(() => {
  for (let i = 0; i < 20_000; i += 1) insert.run(`${MARKER} ${randomBytes(100).toString('hex')}`);
})();
const vault = { tempStore: db.pragma('temp_store', { simple: true }), ...force(db) };
const snapshotFile = path.join(dir, 'snapshot.db');
db.prepare('VACUUM INTO ?').run(snapshotFile);
db.close();

// A snapshot connection is read-only, so only the sort can spill there.
const snap = openSnapshot(snapshotFile, key, undefined);
const tempStore = snap.pragma('temp_store', { simple: true });
if (mode === 'control') snap.pragma('temp_store=FILE');
snap.pragma('cache_size=50');
const rows = snap.prepare('SELECT body FROM big ORDER BY body').iterate();
rows.next();
const snapshot = { tempStore, ...openTempFiles() };
rows.return?.();
snap.close();

process.stdout.write(JSON.stringify({ vault, snapshot, listing: fs.readdirSync(tmp) }));
