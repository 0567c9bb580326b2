import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild } from '../support/child-bundle';
import { tempDir } from '../support/tmp';

let child: { file: string; remove(): void };
beforeAll(async () => {
  child = await bundleChild(path.join(__dirname, 'temp-files.child.ts'), 'temp-files-child');
}, 120_000);
afterAll(() => child?.remove());

interface Seen {
  tempStore: number;
  count: number;
  marker: boolean;
}

function run(mode: 'app' | 'control'): { vault: Seen; snapshot: Seen; listing: string[]; tmp: string } {
  const tmp = tempDir('coffer-sqlite-tmp-');
  const result = spawnSync(process.execPath, [child.file, tempDir(), mode], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, SQLITE_TMPDIR: tmp } });
  expect(result.status, result.stderr).toBe(0);
  return { ...(JSON.parse(result.stdout) as { vault: Seen; snapshot: Seen; listing: string[] }), tmp };
}

// Reading another file's open descriptors needs Linux's /proc.
describe.skipIf(!fs.existsSync('/proc/self/fd'))('SQLite temporary files', () => {
  it('a large sort and a large temp table write nothing to the temp folder, on the vault and on a snapshot', () => {
    const { vault, snapshot, listing, tmp } = run('app');
    expect(vault).toEqual({ tempStore: 2, count: 0, marker: false });
    expect(snapshot).toEqual({ tempStore: 2, count: 0, marker: false });
    expect(listing).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual([]);
  }, 180_000);

  it('the check sees temporary files, in clear, when temp_store is FILE (so it can fail)', () => {
    const { vault, snapshot } = run('control');
    expect(vault.count).toBeGreaterThan(0);
    expect(vault.marker).toBe(true);
    expect(snapshot.count).toBeGreaterThan(0);
  }, 180_000);
});
