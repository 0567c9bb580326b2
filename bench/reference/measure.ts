import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type Core, type CoreOptions } from '../../electron/core';
import { appendAudit } from '../../electron/core/audit/audit-log';
import { countCustomers, customerWhere, findCustomer, findCustomersByIds, listCustomers, tagsOf, updateCustomerFields, type CustomerWhere } from '../../electron/core/customers/customer-repository';
import { PinyinKind, pinyinKeys } from '../../electron/core/customers/pinyin-keys';
import { searchCustomerIds, type SearchColumn } from '../../electron/core/customers/search-index';
import { timelineOf } from '../../electron/core/customers/timeline-repository';
import type { Db } from '../../electron/core/db/open-database';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { createAppRouter } from '../../electron/ipc';
import { DEFAULT_APPROVAL_POLICY } from '../../shared/approvals';
import type { CustomerSort } from '../../shared/customers';
import { call, MANAGER, mb, openPlain, OWNER, PAGE, SALES, SUPPORT } from './common';
import { measureAuditIds } from './measure-audit';
import { measureAuditLog } from './measure-audit-log';
import { measureAccessReview } from './measure-access-review';
import { measureAccessPackage } from './measure-access-package';
import { measureDashboard } from './measure-dashboard';
import { measureDuplicates } from './measure-duplicates';
import { measureQuality } from './measure-quality';
import { measureWholeFile } from './measure-heavy';
import { measureErasure } from './measure-erasure';
import { measureRetention } from './measure-retention';
import { measureExport } from './measure-export';
import { measureImport } from './measure-import';
import { measureList } from './measure-list';
import { measureMonitoring } from './measure-monitoring';
import { benchKeychain, benchPaths, readState, writeState, type BenchState } from './state';
import { draw, sampleRss, sampledPeakRss, seededRandom, summarize, timeEach, type Stats } from './stats';

export interface Target {
  text: string;
  met: boolean;
}

/** One line of the result table: the vault (through the router or direct SQL) against plain SQLite. */
export interface Row {
  operation: string;
  coffer: Stats | null;
  plain: Stats | null;
  /** 'ms' timings, or a single figure in another unit (memory). */
  unit: 'ms' | 'MB';
  target?: Target;
}

export interface Results {
  rows: Row[];
  notes: string[];
  state: BenchState;
  vaultBytes: number;
  plainBytes: number;
}

export interface MeasureOptions {
  dir: string;
  worker: string;
  /** Samples per read operation (after a warm-up of a tenth as many on other inputs). */
  samples: number;
  /** Backups, drills, VACUUM INTOs and file copies each. */
  heavyRuns: number;
  /** Measure one part only ('dashboard'), for a quick figure without the whole run. */
  only?: string | undefined;
  /** Audit rows seeded for the audit-log rows (issue 18); 1,000,000 unless given. */
  auditRows?: number | undefined;
}


/** What the manager may search by (shared/field-policy.ts: contact fields in full). */
const MANAGER_COLUMNS: SearchColumn[] = ['name', 'company', 'notes', 'email', 'phone'];
const TIMELINE_LIMIT = 100;
export async function measure(options: MeasureOptions): Promise<Results> {
  const paths = benchPaths(options.dir);
  const state = readState(options.dir);
  const written = new Set(state.accounts);
  const coreOptions = (): CoreOptions => ({
    profileDir: paths.profile,
    appVersion: 'bench',
    osLocales: ['zh-CN', 'en'],
    keychain: benchKeychain(state.serviceName, written),
    backupWorker: options.worker,
    pickFolder: async () => paths.backups,
    pickSaveFile: async (_name, format) => path.join(options.dir, `bench-export.${format}`),
    importWorker: path.join(path.dirname(options.worker), 'import-worker.js'),
    erasureWorker: path.join(path.dirname(options.worker), 'erasure-worker.js'),
    pickImportFile: async () => importFile,
  });
  let importFile: string | null = null;
  const rows: Row[] = [];
  const notes: string[] = [];
  const random = seededRandom(7);
  const samples = options.samples;
  const warmup = Math.max(5, Math.round(samples / 10));
  const n = samples + warmup;
  const say = (line: string) => console.log(`  ${line}`);
  const loadAtStart = os.loadavg()[0]!;

  // ---- Opening: keychain read + key + first query, against opening the plain file. ----------
  const firstPage = (db: Db) => listCustomers(db, { sort: 'name', descending: false, limit: PAGE + 1 });
  async function openVaultTimed(): Promise<{ ms: number; core: Core }> {
    const started = performance.now();
    const core = createCore(coreOptions());
    await core.start();
    if (core.vault.state() !== 'unlocked') throw new Error(`the vault did not open from the keychain (${core.status('x').lockedReason ?? core.vault.state()})`);
    firstPage(core.vault.db());
    return { ms: performance.now() - started, core };
  }
  function openPlainTimed(): number {
    const started = performance.now();
    const db = openPlain(paths.plain);
    firstPage(db);
    const ms = performance.now() - started;
    db.close();
    return ms;
  }
  say('opening the vault and the plain file');
  const cold = await openVaultTimed();
  cold.core.close();
  const coldPlain = openPlainTimed();
  const openRuns = Math.max(10, Math.round(samples / 5));
  const opens: number[] = [];
  const plainOpens: number[] = [];
  for (let i = 0; i < openRuns + 2; i++) {
    const { ms, core } = await openVaultTimed();
    core.close();
    const plainMs = openPlainTimed();
    if (i < 2) continue;
    opens.push(ms);
    plainOpens.push(plainMs);
  }
  const openTarget = (stats: Stats) => ({ text: 'p95 ≤ 150 ms', met: stats.p95 <= 150 });
  const coldStats = summarize([cold.ms]);
  rows.push({ operation: 'open vault, first in the process (keychain + key + first page)', coffer: coldStats, plain: summarize([coldPlain]), unit: 'ms', target: openTarget(coldStats) });
  const openStats = summarize(opens);
  rows.push({ operation: 'open vault again (keychain + key + first page)', coffer: openStats, plain: summarize(plainOpens), unit: 'ms', target: openTarget(openStats) });

  // ---- The app as it runs: one vault connection behind the router, three signed-in people. ---
  const core = createCore(coreOptions());
  await core.start();
  const vault = core.vault.db();
  const plain = openPlain(paths.plain);
  const router = createAppRouter(core, (line) => console.error(`router: ${line}`));
  const signIn = (senderId: string, username: string) => call(router, senderId, 'session.login', { username, password: state.passwords[username] });
  await signIn(OWNER, 'owner');
  await signIn(MANAGER, 'manager');
  await signIn(SALES, 'sales1');
  await signIn(SUPPORT, 'support');
  fs.mkdirSync(paths.backups, { recursive: true });
  await call(router, OWNER, 'settings.chooseBackupFolder', {});
  sampleRss();

  try {
    if (options.only === 'dashboard') {
      say('dashboard and reminder tab counts');
      rows.push(...(await measureDashboard({ router, core, vault, n, warmup, notes })));
      notes.push(`Load average (1 min) when measuring began / ended: ${loadAtStart.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)} (other processes on the machine add noise, mostly to the p95s).`);
      return { rows, notes, state: { ...state, accounts: [...written] }, vaultBytes: 0, plainBytes: 0 };
    }
    if (options.only === 'retention') {
      await measureRetention({ core, router, vault, rows, notes, say });
      return { rows, notes, state: { ...state, accounts: [...written] }, vaultBytes: 0, plainBytes: 0 };
    }
    if (options.only === 'audit') {
      await measureAuditLog({ router, vault, auditRows: options.auditRows ?? 1_000_000, n, warmup, heavyRuns: options.heavyRuns, random, rows, notes, say });
      notes.push(`Load average (1 min) when measuring began / ended: ${loadAtStart.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)} (other processes on the machine add noise, mostly to the p95s).`);
      return { rows, notes, state: { ...state, accounts: [...written] }, vaultBytes: 0, plainBytes: 0 };
    }
    if (options.only === 'erasure') {
      const live = (vault.prepare('SELECT id FROM customers WHERE deleted_at IS NULL').all() as { id: number }[]).map((r) => r.id);
      await measureErasure({ core, vault, ids: live, random, rows, notes, say });
      return { rows, notes, state: { ...state, accounts: [...written] }, vaultBytes: 0, plainBytes: 0 };
    }
    // Inputs come from the data itself, drawn at random so pages and searches land all over
    // the file rather than on pages the cache already holds. Each variant gets its own draw.
    const salesId = (plain.prepare("SELECT id FROM users WHERE username = 'sales1'").get() as { id: number }).id;
    // The name sort's cursor is the pinyin sort key (migration 19), not the name.
    const byName = plain.prepare('SELECT sort_name AS value, id, owner_id AS ownerId FROM customers WHERE deleted_at IS NULL ORDER BY sort_name, id').all() as { value: string; id: number; ownerId: number }[];
    const cursors = byName.map(({ value, id }) => ({ value, id }));
    const salesCursors = byName.filter((r) => r.ownerId === salesId).map(({ value, id }) => ({ value, id }));
    const people = plain.prepare('SELECT id, name, mobile, email FROM customers WHERE deleted_at IS NULL').all() as { id: number; name: string; mobile: string | null; email: string | null }[];
    const ids = people.map((p) => p.id);

    // ---- Pages of 50 by name, keyset cursors. -----------------------------------------------
    const pageRows = async (label: string, sender: string, pool: { value: string; id: number }[], where: CustomerWhere) => {
      say(`${label}: pages of ${PAGE}`);
      const viaRouter = summarize(await timeEach(draw(pool, n, random), warmup, (after) => call(router, sender, 'customers.list', { sort: 'name', dir: 'asc', after, limit: PAGE })));
      const direct = (db: Db) => (after: { value: string; id: number }) => listCustomers(db, { ...where, sort: 'name', descending: false, after, limit: PAGE + 1 });
      const onVault = summarize(await timeEach(draw(pool, n, random), warmup, direct(vault)));
      const onPlain = summarize(await timeEach(draw(pool, n, random), warmup, direct(plain)));
      rows.push({ operation: `page of 50, ${label}, via router`, coffer: viaRouter, plain: onPlain, unit: 'ms', target: { text: 'p95 ≤ 10 ms', met: viaRouter.p95 <= 10 } });
      rows.push({ operation: `page of 50, ${label}, direct SQL`, coffer: onVault, plain: onPlain, unit: 'ms', target: { text: 'ratio ≤ 1.2', met: onVault.median / onPlain.median <= 1.2 } });
    };
    await pageRows('sales (own customers, masked)', SALES, salesCursors, { ownerId: salesId });
    await pageRows('manager (all customers)', MANAGER, cursors, {});
    await measureAuditIds({ core, vault, byName, n, warmup, random, rows, notes, say });
    await measureMonitoring({ core, vault, byName, n, warmup, random, rows, notes, say });
    await measureAccessReview({ router, vault, n: Math.max(5, Math.round(n / 10)), warmup: 1, rows, notes, say });

    // Where a routed page's time goes: the service alone (scope, views, the audit row's commit)
    // without the router's validation, and the router with the audit commit not waiting for
    // fsync (a what-if: the vault runs synchronous=FULL; restored right after).
    say('page of 50 breakdown (service alone; what-if synchronous=NORMAL)');
    const managerSession = core.sessions.current(MANAGER)!;
    const serviceOnly = summarize(await timeEach(draw(cursors, n, random), warmup, (after) => core.customers.list(managerSession, { sort: 'name', dir: 'asc', after, limit: PAGE })));
    vault.pragma('synchronous=NORMAL');
    let noFsync: Stats;
    try {
      noFsync = summarize(await timeEach(draw(cursors, n, random), warmup, (after) => call(router, MANAGER, 'customers.list', { sort: 'name', dir: 'asc', after, limit: PAGE })));
    } finally {
      vault.pragma('synchronous=FULL');
    }
    notes.push(
      `Page of 50 (manager) broken down, median / p95: customer service without the router ${medianP95(serviceOnly)}; through the router with the audit row committed without fsync (what-if synchronous=NORMAL) ${medianP95(noFsync)}. Compare with the router and direct-SQL rows of the table.`,
    );

    // ---- First page of a list, with its total, over each sort order. -----------------------
    say('first pages with totals');
    const sorts = (['name', 'updatedAt', 'level', 'createdAt', 'lastInteractionAt'] as CustomerSort[]).flatMap((sort) => [
      { sort, dir: 'asc' as const },
      { sort, dir: 'desc' as const },
    ]);
    const firstPages = summarize(await timeEach(draw(sorts, n, random), warmup, (s) => call(router, MANAGER, 'customers.list', { ...s, limit: PAGE })));
    const firstDirect = (db: Db) => (s: { sort: CustomerSort; dir: 'asc' | 'desc' }) => {
      listCustomers(db, { sort: s.sort, descending: s.dir === 'desc', limit: PAGE + 1 });
      countCustomers(db, {});
    };
    const firstOnVault = summarize(await timeEach(draw(sorts, n, random), warmup, firstDirect(vault)));
    const firstOnPlain = summarize(await timeEach(draw(sorts, n, random), warmup, firstDirect(plain)));
    rows.push({ operation: 'first page + total, any sort, manager, via router', coffer: firstPages, plain: firstOnPlain, unit: 'ms' });
    rows.push({ operation: 'first page + total, any sort, direct SQL', coffer: firstOnVault, plain: firstOnPlain, unit: 'ms' });
    rows.push(...(await measureList({ router, vault, plain, salesId, n, warmup, random, say })));

    // ---- Searches, as the manager (who may search phone and e-mail). -----------------------
    const chinese = people.map((p) => p.name).filter((name) => /^[\u4e00-\u9fff]{2,3}$/.test(name));
    const twoChars = chinese.map((name) => (name.length === 2 ? name : random() < 0.5 ? name.slice(0, 2) : name.slice(1)));
    const threeChars = chinese.filter((name) => name.length === 3);
    const phoneFragments = people
      .map((p) => (p.mobile ?? '').replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, ''))
      .filter((digits) => digits.length >= 8)
      .map((digits) => {
        const length = 4 + Math.floor(random() * 4);
        const start = Math.floor(random() * (digits.length - length + 1));
        return digits.slice(start, start + length);
      });
    const emailPrefixes = people
      .map((p) => (p.email ?? '').split('@')[0] ?? '')
      .filter((local) => local.length >= 3)
      .map((local) => local.slice(0, Math.min(local.length, 3 + Math.floor(random() * 4))));
    const searchRows = async (label: string, pool: string[], target?: number) => {
      say(`search: ${label}`);
      const viaRouter = summarize(await timeEach(draw(pool, n, random), warmup, (query) => call(router, MANAGER, 'customers.search', { query, limit: PAGE })));
      const direct = (db: Db) => (query: string) => findCustomersByIds(db, searchCustomerIds(db, query, MANAGER_COLUMNS, PAGE, customerWhere({})));
      const onVault = summarize(await timeEach(draw(pool, n, random), warmup, direct(vault)));
      const onPlain = summarize(await timeEach(draw(pool, n, random), warmup, direct(plain)));
      rows.push({ operation: `search ${label}, via router`, coffer: viaRouter, plain: onPlain, unit: 'ms', ...(target ? { target: { text: `p95 ≤ ${target} ms`, met: viaRouter.p95 <= target } } : {}) });
      rows.push({ operation: `search ${label}, direct SQL`, coffer: onVault, plain: onPlain, unit: 'ms' });
    };
    await searchRows('Chinese name, 2 characters', twoChars, 15);
    await searchRows('Chinese name, 3 characters', threeChars, 15);
    await searchRows('phone fragment, 4-7 digits', phoneFragments, 15);
    await searchRows('e-mail prefix, 3-6 characters', emailPrefixes);
    // Pinyin as typed: full (wangwei), initials (ww) and a prefix of the full pinyin (wangw).
    const pinyinOf = chinese.slice(0, 2000).map((name) => pinyinKeys(name));
    const full = pinyinOf.map((keys) => keys.find((k) => k.kind === PinyinKind.Full)?.key ?? '').filter(Boolean);
    await searchRows('pinyin, full', full, 15);
    await searchRows('pinyin, initials', pinyinOf.map((keys) => keys.find((k) => k.kind === PinyinKind.Initials)?.key ?? '').filter(Boolean), 15);
    await searchRows('pinyin, prefix', full.map((key) => key.slice(0, 2 + Math.floor(random() * (key.length - 2)))), 15);
    say('dashboard and reminder tab counts');
    rows.push(...(await measureDashboard({ router, core, vault, n: Math.max(20, Math.round(n / 4)), warmup, notes })));
    say('duplicate check');
    rows.push(...(await measureDuplicates(router, people, n, warmup, random)));
    say('data quality lists');
    rows.push(...(await measureQuality(router, Math.max(3, Math.round(samples / 20)))));

    // ---- A customer's page: the record and its timeline (two calls, as the app makes them). --
    say('customer detail with timeline');
    const detailRouter = summarize(
      await timeEach(draw(ids, n, random), warmup, async (id) => {
        await call(router, MANAGER, 'customers.get', { id });
        await call(router, MANAGER, 'customers.timeline', { id, limit: TIMELINE_LIMIT });
      }),
    );
    const detailDirect = (db: Db) => (id: number) => {
      findCustomer(db, id);
      tagsOf(db, [id]);
      timelineOf(db, id, true, TIMELINE_LIMIT);
    };
    const detailVault = summarize(await timeEach(draw(ids, n, random), warmup, detailDirect(vault)));
    const detailPlain = summarize(await timeEach(draw(ids, n, random), warmup, detailDirect(plain)));
    rows.push({ operation: 'customer + timeline (2 calls), via router', coffer: detailRouter, plain: detailPlain, unit: 'ms' });
    rows.push({ operation: 'customer + timeline, direct SQL', coffer: detailVault, plain: detailPlain, unit: 'ms' });

    // ---- One customer's notes changed: row, search index and audit row in one transaction. --
    say('single-customer updates');
    let edit = 0;
    const newNotes = () => `Bench edit ${(edit += 1)}: 客户要求下周回电 / call back next week`;
    const updateRouter = summarize(await timeEach(draw(ids, n, random), warmup, (id) => call(router, MANAGER, 'customers.update', { id, changes: { notes: newNotes() } })));
    const manager = core.sessions.current(MANAGER)!;
    const actor = { userId: manager.userId, username: manager.username, role: manager.role };
    const updateDirect = (db: Db) => (id: number) =>
      db.transaction(() => {
        findCustomer(db, id);
        const at = new Date();
        updateCustomerFields(db, id, { notes: newNotes() }, at.toISOString());
        appendAudit(db, { actor, action: 'customer.update', entity: 'customer', recordId: String(id), outcome: 'ok', fields: ['notes'] }, at);
        return findCustomer(db, id);
      })();
    const updateVault = summarize(await timeEach(draw(ids, n, random), warmup, updateDirect(vault)));
    const updatePlain = summarize(await timeEach(draw(ids, n, random), warmup, updateDirect(plain)));
    rows.push({ operation: 'update one customer (+ search index, audit), via router', coffer: updateRouter, plain: updatePlain, unit: 'ms' });
    rows.push({ operation: 'update one customer (+ search index, audit), direct SQL', coffer: updateVault, plain: updatePlain, unit: 'ms' });

    const { vaultBytes, plainBytes } = await measureWholeFile({ core, router, vault, plain, state, paths, heavyRuns: options.heavyRuns, samples, cursors, random, rows, notes, say });

    await measureAccessPackage({ router, vault, folder: paths.backups, runs: Math.max(3, options.heavyRuns), rows, notes, say });
    // Since issue 15 an export of every customer asks for approval by default; the bench's lone
    // owner switches that off (audited) to measure the export itself, as the tests do.
    await call(router, OWNER, 'approvals.setPolicy', { ...DEFAULT_APPROVAL_POLICY, operations: { ...DEFAULT_APPROVAL_POLICY.operations, 'customers.export': false } });
    await measureExport({ router, target: (format) => path.join(options.dir, `bench-export.${format}`), rows, notes, say });
    await measureImport({ router, dir: options.dir, sizes: [10_000, 100_000], setFile: (file) => (importFile = file), rows, notes, say });
    // Issue 17: back-dates a third of the vault, marks it dormant and anonymises a small batch.
    await measureRetention({ core, router, vault, rows, notes, say });
    // Last: it deletes and anonymises customers (issue 16, secure_delete and erasure at size).
    await measureErasure({ core, vault, ids, random, rows, notes, say });

    // ---- Memory. ----------------------------------------------------------------------------
    sampleRss();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const rss = { n: 1, median: mb(maxRss), p95: mb(maxRss), max: mb(maxRss) };
    rows.push({ operation: 'peak memory of the measuring process (maxRSS)', coffer: rss, plain: null, unit: 'MB' });
    notes.push(`Peak RSS sampled between operations: ${mb(sampledPeakRss()).toFixed(0)} MB. The process holds the vault and the plain file open side by side (64 MiB page cache each) and runs the backup worker threads.`);

    notes.push(`Load average (1 min) when measuring began / ended: ${loadAtStart.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)} (other processes on the machine add noise, mostly to the p95s).`);
    return { rows, notes, state: { ...state, accounts: [...written] }, vaultBytes, plainBytes };
  } finally {
    plain.close();
    core.close();
    writeState(options.dir, { ...state, accounts: [...written] });
  }
}

const medianP95 = (stats: Stats) => `${stats.median.toFixed(2)} / ${stats.p95.toFixed(2)} ms`;

/** Removes the keychain entries a run wrote (best effort: the keyring itself may be throwaway). */
export async function cleanupKeychain(dir: string): Promise<void> {
  let state: BenchState;
  try {
    state = readState(dir);
  } catch {
    return;
  }
  const keychain = createKeytarKeychain(state.serviceName);
  for (const account of state.accounts) await keychain.delete(account).catch(() => false);
}
