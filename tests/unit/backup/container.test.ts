import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_CORRUPT_CODE,
  CHUNK_SIZE,
  MANIFEST_SLOT,
  extractContainer,
  keyFromRecovery,
  readHeader,
  verifyContainer,
  writeContainer,
} from '../../../electron/core/backup/container';
import { generateRecoveryKey } from '../../../electron/core/vault/recovery-key';
import { tempDir } from '../../support/tmp';
import { failure, makeFixture, MANIFEST_MARKER, SNAPSHOT_MARKER } from './fixtures';

const CORRUPT_MESSAGE = /backup file is damaged/;

interface Chunk {
  start: number; // of its u32 length
  cipherStart: number;
  end: number; // one past its tag
}

/** Where the header and each chunk are in a container's bytes, read the way the format says. */
function layout(bytes: Buffer): { headerStart: number; headerEnd: number; chunks: Chunk[] } {
  const headerEnd = 14 + bytes.readUInt32BE(10);
  const chunks: Chunk[] = [];
  // From version 2 a 32-byte header checksum sits between the header and the first chunk.
  for (let pos = headerEnd + (bytes.readUInt16BE(8) >= 2 ? 32 : 0); pos < bytes.length; ) {
    const length = bytes.readUInt32BE(pos);
    chunks.push({ start: pos, cipherStart: pos + 4, end: pos + 4 + length + 16 });
    pos += 4 + length + 16;
  }
  return { headerStart: 14, headerEnd, chunks };
}

async function written(dir: string) {
  const fixture = await makeFixture(dir);
  const file = path.join(dir, 'backup.cofferbak');
  await writeContainer(file, fixture.opts);
  return { ...fixture, file, bytes: fs.readFileSync(file) };
}

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at]! ^= 0x5a;
  return copy;
}

function withHeader(bytes: Buffer, edit: (header: Record<string, unknown>) => void): Buffer {
  const { headerEnd } = layout(bytes);
  const header = JSON.parse(bytes.subarray(14, headerEnd).toString('utf8')) as Record<string, unknown>;
  edit(header);
  const json = Buffer.from(JSON.stringify(header));
  const fixed = Buffer.from(bytes.subarray(0, 14));
  fixed.writeUInt32BE(json.length, 10);
  return Buffer.concat([fixed, json, bytes.subarray(headerEnd)]);
}

describe('backup container', () => {
  it('round-trips a 3 MiB snapshot with the database key, in 1 MiB chunks', async () => {
    const dir = tempDir();
    const { opts, snapshot, file, bytes } = await written(dir);
    const { chunks } = layout(bytes);
    expect(chunks.length).toBe(4); // the manifest's fixed slot, then 3 MiB
    expect(chunks[0]!.end - chunks[0]!.cipherStart).toBe(4 + MANIFEST_SLOT + 16);
    expect(chunks.slice(1, -1).every((c) => c.end - c.cipherStart === CHUNK_SIZE + 16)).toBe(true);
    expect(chunks.at(-1)!.end).toBe(bytes.length);

    const before = fs.readdirSync(dir).sort();
    expect(await verifyContainer(file, opts.dbKey)).toEqual(opts.manifest);
    expect(fs.readdirSync(dir).sort()).toEqual(before); // verify writes nothing

    const dest = path.join(dir, 'restored.db');
    expect(await extractContainer(file, opts.dbKey, dest)).toEqual(opts.manifest);
    expect(fs.readFileSync(dest).equals(snapshot)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(dest).mode & 0o777).toBe(0o600);
    // Never restores over an existing file.
    expect((await failure(extractContainer(file, opts.dbKey, dest))).code).toBe('CONFLICT');
  });

  it('restores with the recovery key alone, and refuses another recovery key', async () => {
    const dir = tempDir();
    const { opts, snapshot, file, recoverySecret } = await written(dir);
    const header = await readHeader(file);
    expect(header).toMatchObject({ deviceId: opts.deviceId, vaultId: opts.vaultId, keyId: opts.keyId, chunkSize: CHUNK_SIZE });

    const dbKey = await keyFromRecovery(header, recoverySecret);
    expect(dbKey.equals(Buffer.from(opts.dbKey))).toBe(true);
    const dest = path.join(dir, 'restored.db');
    await extractContainer(file, dbKey, dest);
    expect(fs.readFileSync(dest).equals(snapshot)).toBe(true);

    const wrong = await failure(keyFromRecovery(header, generateRecoveryKey().secret));
    expect(wrong.code).toBe('WRONG_KEY');
    expect(wrong.message).not.toMatch(/[/\\]/);
  });

  it('keeps the manifest and every snapshot byte out of the readable part, and out of the file', async () => {
    const dir = tempDir();
    const { bytes } = await written(dir);
    const { headerEnd } = layout(bytes);
    const header = JSON.parse(bytes.subarray(14, headerEnd).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(header).sort()).toEqual(['chunkSize', 'deviceId', 'kdf', 'keyId', 'noncePrefix', 'recoveryPublicKey', 'salt', 'vaultId', 'wrappedKey']);
    for (const marker of [SNAPSHOT_MARKER, MANIFEST_MARKER, 'snapshotSha256', 'customers']) {
      expect(bytes.includes(Buffer.from(marker, 'latin1'))).toBe(false);
    }
  });

  const tampers: [string, (bytes: Buffer) => Buffer][] = [
    ['magic', (b) => flip(b, 0)],
    ['version', (b) => flip(b, 9)],
    ['header length', (b) => flip(b, 12)],
    ['header JSON byte', (b) => flip(b, 40)],
    ['header field, still valid JSON', (b) => withHeader(b, (h) => void (h.deviceId = randomBytes(4).toString('hex')))],
    ['header chunk size', (b) => withHeader(b, (h) => void (h.chunkSize = CHUNK_SIZE * 2))],
    ['oversized header', (b) => withHeader(b, (h) => void (h.pad = 'x'.repeat(70_000)))],
    ['first chunk length', (b) => flip(b, layout(b).chunks[0]!.start + 3)],
    ['first chunk ciphertext', (b) => flip(b, layout(b).chunks[0]!.cipherStart + 10)],
    ['middle chunk ciphertext', (b) => flip(b, layout(b).chunks[1]!.cipherStart + 500_000)],
    ['last tag', (b) => flip(b, b.length - 1)],
    ['last chunk cut short', (b) => b.subarray(0, b.length - 100)],
    ['last chunk dropped at a chunk boundary', (b) => b.subarray(0, layout(b).chunks.at(-1)!.start)],
    ['all chunks dropped', (b) => b.subarray(0, layout(b).headerEnd)],
    ['garbage appended', (b) => Buffer.concat([b, randomBytes(64)])],
    [
      'two chunks swapped',
      (b) => {
        const [, one, two] = layout(b).chunks;
        return Buffer.concat([b.subarray(0, one!.start), b.subarray(two!.start, two!.end), b.subarray(one!.start, one!.end), b.subarray(two!.end)]);
      },
    ],
    ['empty file', () => Buffer.alloc(0)],
  ];

  it.each(tampers)('reports a changed %s as a damaged backup and restores nothing', async (_region, tamper) => {
    const dir = tempDir();
    const { opts, bytes } = await written(dir);
    const bad = path.join(dir, 'tampered.cofferbak');
    fs.writeFileSync(bad, tamper(bytes));
    const dest = path.join(dir, 'restored.db');

    const error = await failure(extractContainer(bad, opts.dbKey, dest));
    expect(error.code).toBe(BACKUP_CORRUPT_CODE);
    expect(error.message).toMatch(CORRUPT_MESSAGE);
    expect(error.message).not.toContain(dir);
    expect(fs.existsSync(dest)).toBe(false);
    expect((await failure(verifyContainer(bad, opts.dbKey))).code).toBe(BACKUP_CORRUPT_CODE);
  });

  it('reports a wrong database key as a damaged backup, not a crash', async () => {
    const dir = tempDir();
    const { file } = await written(dir);
    const error = await failure(verifyContainer(file, randomBytes(32)));
    expect(error.message).toMatch(CORRUPT_MESSAGE);
  });

  it('refuses to write a backup whose snapshot does not match its manifest, and leaves no file', async () => {
    const dir = tempDir();
    const { opts } = await makeFixture(dir, 200_000);
    const file = path.join(dir, 'backup.cofferbak');
    const error = await failure(writeContainer(file, { ...opts, manifest: { ...opts.manifest, snapshotBytes: 1 } }));
    expect(error.code).toBe('INTERNAL');
    expect(fs.existsSync(file)).toBe(false);
    // Manifests carrying anything but counts and versions are refused up front.
    const leaky = { ...opts.manifest, customerName: 'Ada Lovelace' } as unknown as typeof opts.manifest;
    expect((await failure(writeContainer(file, { ...opts, manifest: leaky }))).code).toBe('INTERNAL');
    expect(fs.existsSync(file)).toBe(false);
    // Also when the counts arrive late (the backup job counts on another thread while encrypting).
    expect((await failure(writeContainer(file, { ...opts, manifest: Promise.resolve(leaky) }))).code).toBe('INTERNAL');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('handles a snapshot that ends exactly on a chunk boundary', async () => {
    const dir = tempDir();
    const { opts, snapshot } = await makeFixture(dir, 2 * CHUNK_SIZE);
    const file = path.join(dir, 'exact.cofferbak');
    await writeContainer(file, opts);
    expect(layout(fs.readFileSync(file)).chunks.length).toBe(3); // manifest, two full chunks
    await extractContainer(file, opts.dbKey, path.join(dir, 'out.db'));
    expect(fs.readFileSync(path.join(dir, 'out.db')).equals(snapshot)).toBe(true);
  });
});
