#!/usr/bin/env node
// npm test: typecheck, build, lint, unit + integration tests (vitest), end-to-end tests (built
// renderer in Chromium), then one plain line "N passed, N failed, N skipped" summed over all of
// them. typecheck, build and lint count as one check each. Exits non-zero if anything failed or
// nothing ran.
//
// Keychain tests need a real Secret Service: when none is set up, this script re-runs itself
// inside a private D-Bus session with an unlocked throwaway gnome-keyring (scripts/keyring-session.sh).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS = path.join(ROOT, '.tmp', 'test-reports');
const isCI = Boolean(process.env.CI);

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

if (process.env.COFFER_TEST_KEYRING !== '1') {
  if (has('dbus-run-session') && has('gnome-keyring-daemon')) {
    const again = spawnSync('dbus-run-session', ['--', 'bash', path.join(ROOT, 'scripts', 'keyring-session.sh'), process.execPath, ...process.argv.slice(1)], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    process.exit(again.status ?? 1);
  }
  const why = 'No D-Bus / gnome-keyring on this machine, so the keychain tests cannot reach a real Secret Service (see README "What it needs").';
  if (isCI) {
    console.error(`${why} CI must run them.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.warn(`${why} They will be skipped.`);
}

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  const ok = result.status === 0;
  if (!ok) failures.push(name);
  return ok;
}

function check(name, command, args) {
  if (step(name, command, args)) totals.passed += 1;
  else totals.failed += 1;
}

function vitest(name, config) {
  const report = path.join(REPORTS, `${name}.json`);
  fs.rmSync(report, { force: true });
  const ok = step(name, bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (!fs.existsSync(report)) {
    totals.failed += 1; // the runner itself broke before reporting
    return;
  }
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  // A file that fails to load reports no failed test; count it so it cannot pass silently.
  const brokenFiles = (json.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  totals.passed += json.numPassedTests ?? 0;
  totals.failed += (json.numFailedTests ?? 0) + brokenFiles;
  totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  if (!ok && (json.numFailedTests ?? 0) + brokenFiles === 0) totals.failed += 1;
}

fs.mkdirSync(REPORTS, { recursive: true });
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
const built = step('build', bin('electron-vite'), ['build']);
if (built) totals.passed += 1;
else totals.failed += 1;
check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
vitest('unit-and-integration', 'vitest.config.ts');
if (built) vitest('e2e', 'vitest.e2e.config.ts');
else {
  console.error('End-to-end tests need the built renderer; the build failed.');
  totals.failed += 1;
}

if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
