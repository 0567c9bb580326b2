#!/usr/bin/env node
// Measures what the vault's page cache setting buys: the same reads on a plain SQLite file and
// on a SQLCipher file, with SQLite's default cache and with cache_size=-65536 (64 MiB), which
// electron/core/db/open-database.ts sets at every open. Prints medians and encrypted/plain ratios.
// Usage: node bench/page-cache.mjs [--rows 100000]   (npm run bench is the reference-vault benchmark)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-'));
const key = randomBytes(32).toString('hex');

function open(file, encrypted, cache) {
  const db = new Database(file);
  if (encrypted) {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key="x'${key}'"`);
  }
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL');
  if (cache) db.pragma(`cache_size=${cache}`);
  return db;
}

function build(file, encrypted) {
  const db = open(file, encrypted);
  db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, mobile TEXT, email TEXT, city TEXT, notes TEXT); CREATE INDEX by_name ON customers(name, id);');
  const insert = db.prepare('INSERT INTO customers (name, mobile, email, city, notes) VALUES (?, ?, ?, ?, ?)');
  const surnames = ['王', '李', '张', '刘', '陈', '杨', 'Smith', 'Garcia', 'Müller', 'Tanaka'];
  db.transaction(() => {
    for (let i = 0; i < ROWS; i += 1) {
      insert.run(`${surnames[i % 10]}${(i * 7919) % 100000}`, `13${String(100000000 + i)}`, `user${i}@example.com`, ['上海', '北京', 'Berlin', 'Austin'][i % 4], 'x'.repeat(150 + (i % 100)));
    }
  })();
  db.close();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(file, encrypted, cache) {
  const db = open(file, encrypted, cache);
  const point = db.prepare('SELECT * FROM customers WHERE id = ?');
  const page = db.prepare('SELECT id, name, mobile, city FROM customers WHERE name > ? ORDER BY name, id LIMIT 50');
  const time = (fn) => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < 2000; i += 1) point.get(1 + ((i * 104729) % ROWS)); // warm-up
  const points = [];
  const pages = [];
  for (let r = 0; r < 5; r += 1) {
    points.push(time(() => { for (let i = 0; i < 2000; i += 1) point.get(1 + ((i * 7919 + r) % ROWS)); }));
    pages.push(time(() => { for (const s of ['王1', '李5', 'Smith3', 'Tanaka9', '陈2']) for (let i = 0; i < 20; i += 1) page.all(`${s}${i}`); }));
  }
  db.close();
  return { points: median(points), pages: median(pages) };
}

const plainFile = path.join(dir, 'plain.db');
const encFile = path.join(dir, 'enc.db');
console.log(`Building ${ROWS} customer rows twice (plain and SQLCipher) in ${dir} …`);
build(plainFile, false);
build(encFile, true);
const results = {
  'plain, default cache': measure(plainFile, false, null),
  'plain, 64 MiB cache': measure(plainFile, false, -65536),
  'SQLCipher, default cache': measure(encFile, true, null),
  'SQLCipher, 64 MiB cache': measure(encFile, true, -65536),
};
console.log(`\n${'setup'.padEnd(28)}${'2000 point reads (ms)'.padStart(24)}${'100 pages of 50 (ms)'.padStart(24)}`);
for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(28)}${r.points.toFixed(1).padStart(24)}${r.pages.toFixed(1).padStart(24)}`);
const base = results['plain, 64 MiB cache'];
for (const name of ['SQLCipher, default cache', 'SQLCipher, 64 MiB cache']) {
  const r = results[name];
  console.log(`${name} / plain 64 MiB: point reads ${(r.points / base.points).toFixed(2)}x, pages ${(r.pages / base.pages).toFixed(2)}x`);
}
console.log(`cores: ${os.cpus().length}`);
fs.rmSync(dir, { recursive: true, force: true });
