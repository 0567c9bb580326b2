import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';

const WORKER = path.resolve('out/main/backup-worker.js');

/** The built worker's read-back thread: what the app uses to check a backup before naming it. */
function readBack(file: string, pieces: { position: number; bytes: Buffer }[], size: number): Promise<boolean> {
  const worker = new Worker(WORKER, { workerData: { task: 'readback', input: { file } } });
  for (const piece of pieces) worker.postMessage({ type: 'piece', ...piece });
  worker.postMessage({ type: 'finish', size });
  return new Promise<boolean>((resolve, reject) => {
    worker.once('message', (message: { type: string; value?: boolean }) => (message.type === 'done' ? resolve(message.value === true) : reject(new Error(message.type))));
    worker.once('error', reject);
  }).finally(() => void worker.terminate());
}

describe('the backup worker reads every written piece back', () => {
  it('passes the bytes as written, and fails a changed byte, a short piece or a longer file', async () => {
    const file = path.join(tempDir(), 'partial');
    const head = Buffer.from('header bytes');
    const body = Buffer.alloc(1 << 20, 7);
    fs.writeFileSync(file, Buffer.concat([head, body]));
    const pieces = [
      { position: head.length, bytes: body },
      { position: 0, bytes: head },
    ];
    const size = head.length + body.length;
    expect(await readBack(file, pieces, size)).toBe(true);
    expect(await readBack(file, [{ position: head.length, bytes: Buffer.alloc(1 << 20, 8) }], size)).toBe(false);
    expect(await readBack(file, [{ position: size - 4, bytes: Buffer.alloc(8, 7) }], size)).toBe(false);
    expect(await readBack(file, pieces, size - 1)).toBe(false);
  });
});
