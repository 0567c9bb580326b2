#!/usr/bin/env node
// npm start: make sure the Electron build of the database module exists (built once, beside the
// Node build the tests use), then build the app and launch it with electron-vite.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForElectron } from './native-electron.mjs';
import { requireNodeForElectron } from './node-version.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// First, before any download or build: Electron 45 needs a newer Node than the tests do.
requireNodeForElectron();

try {
  buildForElectron();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// `preview` builds main, preload and renderer for production and runs Electron on the result,
// so the app always runs from app:// with its CSP, exactly as installed.
const cli = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const result = spawnSync(process.execPath, [cli, 'preview', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
