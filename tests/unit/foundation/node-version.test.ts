import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNodeForElectron, ELECTRON_MIN_NODE, parseNodeVersion } from '../../../scripts/node-version.mjs';

const ROOT = path.resolve(__dirname, '../../..');

describe('the Node version check before npm start and npm run dist', () => {
  it('matches what Electron itself declares', async () => {
    const electronPkg = (await import('../../../node_modules/electron/package.json', { with: { type: 'json' } })).default as { engines: { node: string } };
    expect(electronPkg.engines.node.replace(/[>= ]/g, '')).toBe(ELECTRON_MIN_NODE);
  });

  it.each(['v22.12.0', 'v22.12.1', 'v22.13.0', 'v23.0.0', 'v24.1.0', '22.12.0'])('accepts %s', (version) => {
    expect(checkNodeForElectron(version)).toEqual({ ok: true });
  });

  it.each(['v20.19.1', 'v20.20.2', 'v22.11.9', 'v22.0.0', 'v18.20.0', 'v21.99.99', 'garbage', ''])('refuses %s and says what to install', (version) => {
    const result = checkNodeForElectron(version);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('22.12.0 or later');
    expect(result.message).toContain('nvm install 22');
    expect(result.message).toContain('npm test keeps working on Node.js 20.19');
    expect(result.message).toContain('需要 Node.js 22.12.0');
  });

  it('parses release and pre-release spellings, and nothing else', () => {
    expect(parseNodeVersion('v22.12.0')).toEqual([22, 12, 0]);
    expect(parseNodeVersion('v23.0.0-nightly2025')).toEqual([23, 0, 0]);
    expect(parseNodeVersion('22.12')).toBeNull();
    expect(parseNodeVersion('vx.y.z')).toBeNull();
  });

  // This machine's Node decides which way the scripts go; either way they must answer at once
  // with the check, never reach Electron's download.
  it('npm start checks first: on an old Node it stops with the message and builds nothing', () => {
    const old = !checkNodeForElectron(process.version).ok;
    if (!old) return; // On Node >= 22.12 start.mjs would launch the app; the pure checks above cover it.
    for (const script of ['scripts/start.mjs', 'scripts/native-electron.mjs']) {
      const run = spawnSync(process.execPath, [script, '--package'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`needs Node.js ${ELECTRON_MIN_NODE} or later`);
      expect(run.stdout).not.toContain('Electron database module');
    }
  });
});
