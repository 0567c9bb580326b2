// npm run screenshots: builds the renderer, then photographs the main screens in both languages
// at both window sizes into docs/screenshots/ (linked from the README). Same keyring session as
// npm test; Chinese needs a CJK font on the machine (fonts-noto-cjk on Debian/Ubuntu), as the
// app uses the OS's fonts.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
if (fonts.status === 0 && fonts.stdout.trim() === '') {
  console.warn('No Chinese font found (fc-list :lang=zh): Chinese text will show as boxes. Install fonts-noto-cjk first.');
}
execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
const run = spawnSync('dbus-run-session', ['--', 'bash', 'scripts/keyring-session.sh', 'node', 'node_modules/.bin/vitest', 'run', '--config', 'vitest.shots.config.ts'], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
