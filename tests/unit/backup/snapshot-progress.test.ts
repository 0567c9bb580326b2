import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { watchSnapshot } from '../../../electron/core/backup/snapshot-progress';
import { tempDir } from '../../support/tmp';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('the snapshot percentage follows the scratch file against the vault and its log, rises only, and stops below 100', async () => {
  const dir = tempDir();
  const dbFile = path.join(dir, 'vault.db');
  fs.writeFileSync(dbFile, Buffer.alloc(800));
  fs.writeFileSync(`${dbFile}-wal`, Buffer.alloc(200));
  const scratch = path.join(dir, 'scratch');
  fs.mkdirSync(scratch);
  fs.writeFileSync(path.join(scratch, 'unrelated.db'), Buffer.alloc(5000)); // not a snapshot: ignored
  const seen: number[] = [];
  const stop = watchSnapshot(scratch, dbFile, (p) => seen.push(p), 5);
  try {
    const snapshot = path.join(scratch, 'snapshot-abc.db');
    fs.writeFileSync(snapshot, Buffer.alloc(250));
    await tick(40);
    fs.writeFileSync(snapshot, Buffer.alloc(600));
    await tick(40);
    fs.writeFileSync(snapshot, Buffer.alloc(1200)); // bigger than the vault: still not "done"
    await tick(40);
  } finally {
    stop();
  }
  expect(seen).toEqual([25, 60, 99]);
  const count = seen.length;
  fs.writeFileSync(path.join(scratch, 'snapshot-abc.db'), Buffer.alloc(10));
  await tick(30);
  expect(seen).toHaveLength(count); // stopped: nothing more is reported
});
