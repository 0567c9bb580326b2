#!/usr/bin/env node
// npm run bench: the reference-vault benchmark of issue 7. Builds a vault of 100,000 customers
// (about 10 interactions each, Chinese and English) with the product's own code, makes a plain
// (unencrypted) SQLite twin of it, and prints medians and p95s of the app's operations next to the
// same work on the plain file, with the targets marked met or not. A full run (the default size)
// writes its figures into docs/benchmarks.md. It is a measurement, not a test: npm test never runs it.
//
// Usage: npm run bench -- [--customers N] [--interactions N] [--samples N] [--heavy-runs N] [--only dashboard|erasure|retention|audit] [--audit-rows N] [--no-docs] [--keep]
// --only dashboard measures just the dashboard rows (issue 14) and never writes docs/benchmarks.md.
// --only erasure: just the secure_delete and erasure rows (issue 16), likewise.
// --only retention: the retention dry run, run and anonymising batch (issue 17), likewise.
// --only audit [--audit-rows N]: the audit log at N rows (default 1,000,000; issue 18), likewise.
//
// The vault's key goes through the real OS keychain: on Linux this re-runs itself inside a private
// D-Bus session with a throwaway gnome-keyring (scripts/keyring-session.sh), as npm test does.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_CUSTOMERS = 100_000;
const argv = process.argv.slice(2);

function option(name, fallback) {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`${name} needs a whole number, 1 or more`);
    process.exit(2);
  }
  return value;
}

const customers = option('--customers', DEFAULT_CUSTOMERS);
const interactions = option('--interactions', 10);
const samples = option('--samples', 200);
const heavyRuns = option('--heavy-runs', 3);
const auditRows = option('--audit-rows', 1_000_000);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
if (only !== undefined && !['dashboard', 'erasure', 'retention', 'audit'].includes(only)) {
  console.error('--only takes: dashboard, erasure, retention, audit');
  process.exit(2);
}
const writeDocs = customers === DEFAULT_CUSTOMERS && !argv.includes('--no-docs') && only === undefined;

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

if (process.env.COFFER_TEST_KEYRING !== '1' && process.platform === 'linux') {
  if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) {
    console.error('The benchmark opens the vault from a real keychain: install gnome-keyring and dbus (see README "What it needs").');
    process.exit(1);
  }
  const again = spawnSync('dbus-run-session', ['--', 'bash', path.join(ROOT, 'scripts', 'keyring-session.sh'), process.execPath, ...process.argv.slice(1)], { cwd: ROOT, stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

// Ctrl-C reaches the child too; stay alive long enough to clean up after it.
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));
process.on('SIGTERM', () => (interrupted = true));

function run(label, command, args, { quiet = false } = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0 || interrupted) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`${label} failed (${result.signal ?? `exit ${result.status}`})`);
  }
}

const started = Date.now();
const bundleDir = path.join(ROOT, 'node_modules', '.cache', `coffer-bench-${process.pid}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-'));
const service = `Coffer-bench-${process.pid}-${randomBytes(4).toString('hex')}`;
const builtMain = path.join(ROOT, 'out', 'main');
// The run uses its own copy of the built worker: another build of the checkout (a test run)
// empties out/ and would pull the worker from under a backup in progress.
const worker = path.join(bundleDir, 'main', 'backup-worker.js');
const bundle = path.join(bundleDir, 'reference-bench.cjs');
let failed = false;
try {
  console.log('Building the app (electron-vite build) for the backup worker …');
  try {
    run('electron-vite build', path.join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { quiet: true });
  } catch (error) {
    if (interrupted || !fs.existsSync(path.join(builtMain, 'backup-worker.js'))) throw error;
    console.warn(`${error.message}; using the backup worker already in out/main.`);
  }
  // Node 20 cannot run TypeScript: bundle the benchmark into one CommonJS file inside
  // node_modules (so its require() of the native modules resolves), as tests/support/child-bundle.ts does.
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      ssr: path.join(ROOT, 'bench', 'reference-bench.ts'),
      outDir: bundleDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { external: ['better-sqlite3-multiple-ciphers', 'keytar'], output: { format: 'cjs', entryFileNames: 'reference-bench.cjs' } },
    },
  });
  fs.cpSync(builtMain, path.dirname(worker), { recursive: true });

  console.log(`Building the reference vault: ${customers.toLocaleString('en')} customers, about ${interactions} interactions each, in ${dir} …`);
  run('build', process.execPath, [bundle, 'build', '--dir', dir, '--service', service, '--customers', String(customers), '--interactions', String(interactions), '--worker', worker]);
  console.log('Measuring …');
  run('measure', process.execPath, [bundle, 'measure', '--dir', dir, '--worker', worker, '--root', ROOT, '--samples', String(samples), '--heavy-runs', String(heavyRuns), ...(only ? ['--only', only] : []), '--audit-rows', String(auditRows), ...(writeDocs ? ['--write-docs'] : [])]);
  if (!writeDocs) console.log(customers === DEFAULT_CUSTOMERS ? 'docs/benchmarks.md left as it was (--no-docs).' : `docs/benchmarks.md is only written by a full run (${DEFAULT_CUSTOMERS.toLocaleString('en')} customers).`);
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  if (fs.existsSync(bundle)) spawnSync(process.execPath, [bundle, 'cleanup', '--dir', dir], { cwd: ROOT, stdio: 'inherit' });
  fs.rmSync(bundleDir, { recursive: true, force: true });
  if (argv.includes('--keep')) console.log(`Kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}
process.exit(failed || interrupted ? 1 : 0);
