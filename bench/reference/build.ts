import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import { createCore } from '../../electron/core';
import { createDemoVault } from '../../electron/core/demo/demo-vault';
import { benchKeychain, benchPaths, writeState } from './state';

/** The demo book's clock: fixed, so every run builds the same customers. */
export const REFERENCE_NOW = new Date('2026-11-02T02:00:00Z');

/**
 * Builds the reference vault through the product's own code (setup, the demo generator, the
 * repositories that keep the search tables), then the plain twin: a copy of the closed vault file
 * decrypted in place (`PRAGMA rekey=''`), so it has the same schema, indexes, FTS5 tables and
 * rows, in the same order, with SQLite's ordinary unencrypted format (no reserved bytes per page).
 */
export async function buildReference(dir: string, customers: number, interactionsPerCustomer: number, serviceName: string, worker: string): Promise<void> {
  const paths = benchPaths(dir);
  const written = new Set<string>();
  const core = createCore({ profileDir: paths.profile, appVersion: 'bench', osLocales: ['zh-CN', 'en'], keychain: benchKeychain(serviceName, written), backupWorker: worker });
  let dbFile: string;
  let key: Buffer;
  const passwords: Record<string, string> = {};
  const started = performance.now();
  try {
    await core.start();
    if (core.vault.keychainState() !== 'available') throw new Error('The OS keychain is not available; the benchmark measures opening the vault from it. On Linux, install gnome-keyring and dbus.');
    let shown = 0;
    const demo = await createDemoVault(core, { customers, interactionsPerCustomer, now: REFERENCE_NOW }, (done, total) => {
      if (done - shown < total / 10 && done < total) return;
      shown = done;
      const seconds = (performance.now() - started) / 1000;
      console.log(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} customers (${seconds.toFixed(0)} s)`);
    });
    for (const account of demo.accounts) passwords[account.username] = account.password;
    const db = core.vault.db();
    // Decrypting the copy rewrites it in VACUUM order; vacuuming the vault first (the state a
    // restore from backup leaves it in) keeps the two files' layouts the same, page for page.
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const material = core.vault.backupMaterial();
    dbFile = material.dbFile;
    key = material.key;
  } catch (error) {
    // Leave what the cleanup step needs to remove the keychain entries already written.
    writeState(dir, { customers, interactionsPerCustomer, serviceName, accounts: [...written], passwords: {}, dbFile: '', buildSeconds: 0, decryptSeconds: 0, rows: {} });
    throw error;
  } finally {
    core.close();
  }
  const buildSeconds = (performance.now() - started) / 1000;

  const decryptStarted = performance.now();
  fs.copyFileSync(dbFile, paths.plain);
  decryptInPlace(paths.plain, key);
  key.fill(0);
  const decryptSeconds = (performance.now() - decryptStarted) / 1000;

  const plain = new Database(paths.plain, { readonly: true });
  const rows: Record<string, number> = {};
  for (const table of ['customers', 'interactions', 'purchases', 'reminders', 'customer_tags', 'customer_grams', 'customer_pinyin', 'audit_log']) {
    rows[table] = (plain.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  plain.close();
  writeState(dir, { customers, interactionsPerCustomer, serviceName, accounts: [...written], passwords, dbFile, buildSeconds, decryptSeconds, rows });
}

function decryptInPlace(file: string, key: Buffer): void {
  const db = new Database(file);
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    // SQLite3 Multiple Ciphers 12.x refuses to rekey a WAL database; the vault file remembers WAL.
    db.pragma('journal_mode=DELETE');
    db.pragma("rekey=''");
  } finally {
    db.close();
  }
  const plain = new Database(file);
  try {
    if (plain.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('the decrypted copy fails quick_check');
    plain.pragma('journal_mode=WAL');
  } finally {
    plain.close();
  }
  const header = fs.readFileSync(file).subarray(0, 21);
  if (header.subarray(0, 15).toString('latin1') !== 'SQLite format 3') throw new Error('the plain copy is still encrypted');
}
