import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { createAppRouter } from '../../electron/ipc';
import { bundleChild } from '../support/child-bundle';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld } from './access-helpers';
import { table, tableParser } from './import-table';
import { OWNER } from './vault-helpers';

let child: { file: string; remove(): void };
beforeAll(async () => {
  child = await bundleChild(path.join(__dirname, 'import-crash.child.ts'), 'import-crash-child');
}, 60_000);
afterAll(() => child.remove());

const ROWS = 6000;

/** Runs the child and SIGKILLs it once it reports `killAt` rows done, plus a little (mid-transaction, usually). */
function runAndKill(args: string[], killAt: number): Promise<{ signal: NodeJS.Signals | null; lastDone: number; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [child.file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastDone = 0;
    let stderr = '';
    let killing = false;
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const match of chunk.matchAll(/done=(\d+)/g)) lastDone = Number(match[1]);
      if (!killing && lastDone >= killAt) {
        killing = true;
        setTimeout(() => proc.kill('SIGKILL'), 3);
      }
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    proc.on('exit', (_code, signal) => resolve({ signal, lastDone, stderr }));
  });
}

describeKeychain('an import killed in the middle of its commit', () => {
  it('leaves every 500-row transaction whole or absent, every effect with its customer, and the batch cancelled on the next open', async () => {
    const w = await accessWorld();
    const before = (w.core.vault.db().prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    w.core.close();
    const file = path.join(tempDir(), 'table.json');
    const rows = Array.from({ length: ROWS }, (_, i) => [`导入${i}`, `1370000${String(i).padStart(4, '0')}`]);
    fs.writeFileSync(file, JSON.stringify(table(['姓名', '手机'], rows)));

    const run = await runAndKill([w.profileDir, w.keychainService, file, OWNER.password], 1000);
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');

    const core = createCore({ profileDir: w.profileDir, appVersion: 'test', osLocales: ['en'], keychain: w.keychain, importParser: tableParser });
    await core.start();
    const db = core.vault.db();
    const added = (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n - before;
    expect(added).toBeGreaterThanOrEqual(1000);
    expect(added).toBeLessThan(ROWS);
    expect(added % 500).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM import_effects').get()).toEqual({ n: added });
    expect(db.prepare('SELECT count(*) AS n FROM import_effects e LEFT JOIN customers c ON c.id = e.customer_id WHERE c.id IS NULL OR c.deleted_at IS NOT NULL').get()).toEqual({ n: 0 });
    // Each committed transaction carries its audit row.
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'customer.import' AND reason LIKE 'batch=% rows=500'").get()).toEqual({ n: added / 500 });
    expect(db.prepare('SELECT state FROM import_batches').all()).toEqual([{ state: 'running' }]);

    const router = createAppRouter(core);
    const login = await router.dispatch({ senderId: 'w' }, 'session.login', { username: OWNER.username, password: OWNER.password });
    expect(login.ok).toBe(true);
    const history = await router.dispatch({ senderId: 'w' }, 'import.history', {});
    expect(history).toMatchObject({ ok: true, value: [{ state: 'cancelled' }] });
    const batchId = (history as { value: { batchId: string }[] }).value[0]!.batchId;
    // What was committed is undoable.
    expect(await router.dispatch({ senderId: 'w' }, 'import.undo', { batchId, force: false })).toMatchObject({ ok: true, value: { status: 'undone', removed: added } });
    core.close();
  }, 240_000);
});
