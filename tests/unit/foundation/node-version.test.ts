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

  // The Node a user runs is the outside world here: each script starts under a Node that reports
  // an old version, and must stop with the message before it builds or downloads anything.
  it.each(['scripts/start.mjs', 'scripts/native-electron.mjs'])('%s checks first: on Node 20 it stops with the message and builds nothing', (script) => {
    const pretendOld = 'data:text/javascript,Object.defineProperty(process,"version",{value:"v20.19.0"})';
    const run = spawnSync(process.execPath, ['--import', pretendOld, script, '--package'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`needs Node.js ${ELECTRON_MIN_NODE} or later; this is Node.js v20.19.0`);
    expect(run.stdout).not.toContain('Electron database module');
  });
});
