#!/usr/bin/env node
// Builds better-sqlite3-multiple-ciphers for Electron into .native/<electron-version-platform-arch>/
// without touching node_modules, where npm install left the build that Node (and so the tests)
// loads. The app picks this file at start through better-sqlite3's `nativeBinding` option
// (electron/main/native-binding.ts), so `npm start` and `npm test` never fight over one file.
//
// Needs Electron's headers, fetched once by node-gyp from Electron's header server: this runs on
// a user's machine (npm start, npm run dist), never in CI.
// Usage: node scripts/native-electron.mjs [--force] [--package]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireNodeForElectron } from './node-version.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = 'better-sqlite3-multiple-ciphers';

/** Keep in step with electronNativeFolderName() in electron/main/native-binding.ts. */
export function electronNativeDir(root, electronVersion, platform, arch) {
  return path.join(root, '.native', `electron-${electronVersion}-${platform}-${arch}`);
}

function readVersion(pkg) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

export function buildForElectron({ force = false, arch = process.arch } = {}) {
  const electronVersion = readVersion('electron');
  const outDir = electronNativeDir(ROOT, electronVersion, process.platform, arch);
  const outFile = path.join(outDir, 'better_sqlite3.node');
  const stamp = path.join(outDir, 'built-from.json');
  const moduleVersion = readVersion(MODULE);
  if (!force && fs.existsSync(outFile) && fs.existsSync(stamp)) {
    const built = JSON.parse(fs.readFileSync(stamp, 'utf8'));
    if (built.module === moduleVersion && built.electron === electronVersion) return outFile;
  }

  console.log(`Building the encrypted database module for Electron ${electronVersion} (${arch}); the first time takes a few minutes…`);
  // Build in a scratch copy: node-gyp rebuild wipes build/ in place, and that one belongs to Node.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-native-'));
  try {
    fs.cpSync(path.join(ROOT, 'node_modules', MODULE), scratch, {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}build${path.sep}`) && !source.endsWith(`${path.sep}build`),
    });
    const env = { ...process.env };
    // A machine-wide nodedir would silently build against Node's headers (wrong ABI, loads
    // nowhere): the Electron build must use Electron's headers.
    for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];
    const nodeGyp = path.join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const result = spawnSync(
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${arch}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
        `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
      ],
      { cwd: scratch, env, stdio: 'inherit' },
    );
    const built = path.join(scratch, 'build', 'Release', 'better_sqlite3.node');
    if (result.status !== 0 || !fs.existsSync(built)) {
      throw new Error(
        'Could not build the database module for Electron. The first build downloads Electron\'s headers, ' +
          'so it needs an internet connection and a C++ toolchain (see README "What it needs"). Then run npm start again.',
      );
    }
    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(built, outFile);
    fs.writeFileSync(stamp, JSON.stringify({ module: moduleVersion, electron: electronVersion, arch }, null, 2));
    return outFile;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // npm run dist and npm run native:electron start here: say what Node to install before node-gyp
  // or Electron's download fails somewhere inside.
  requireNodeForElectron();
  try {
    const file = buildForElectron({ force: process.argv.includes('--force') });
    if (process.argv.includes('--package')) {
      // electron-builder copies .native/package/ into the installer's resources/native/.
      const packageDir = path.join(ROOT, '.native', 'package');
      fs.mkdirSync(packageDir, { recursive: true });
      fs.copyFileSync(file, path.join(packageDir, 'better_sqlite3.node'));
    }
    console.log(`Electron database module: ${file}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
