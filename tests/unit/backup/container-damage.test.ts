import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillBackup } from '../../../electron/core/backup/backup-jobs';
import { BACKUP_CORRUPT_CODE, extractContainer, keyFromRecovery, readHeader, verifyContainer, writeContainer } from '../../../electron/core/backup/container';
import { generateRecoveryKey } from '../../../electron/core/vault/recovery-key';
import { tempDir } from '../../support/tmp';
import { failure, makeFixture } from './fixtures';

/** A backup written by the version 1 writer (no header checksum), with its test keys. */
const V1_FILE = path.join(__dirname, 'fixtures', 'format-v1.cofferbak');
const V1 = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'format-v1.json'), 'utf8')) as {
  dbKey: string;
  recoverySecret: string;
  snapshot: string;
  manifest: unknown;
};

/**
 * The header with one character of a base64 value swapped for another base64 character: still
 * valid JSON and a well-formed header, so only a checksum can tell it from a different key.
 */
function swapInHeader(bytes: Buffer, field: (header: Record<string, unknown>) => string): Buffer {
  const length = bytes.readUInt32BE(10);
  const text = bytes.subarray(14, 14 + length).toString('utf8');
  const value = field(JSON.parse(text) as Record<string, unknown>);
  const at = 14 + Buffer.byteLength(text.slice(0, text.indexOf(value))) + 5;
  const copy = Buffer.from(bytes);
  copy[at] = copy[at] === 0x41 ? 0x42 : 0x41; // 'A' <-> 'B', both base64
  return copy;
}

const DAMAGE: [string, (h: Record<string, unknown>) => string][] = [
  ['the sealed database key', (h) => (h.wrappedKey as { ciphertext: string }).ciphertext],
  ['the sealing public key', (h) => (h.wrappedKey as { ephemeralPublicKey: string }).ephemeralPublicKey],
  ['the recovery public key', (h) => h.recoveryPublicKey as string],
  ['the recovery KDF salt', (h) => (h.kdf as { salt: string }).salt],
];

async function written(dir: string) {
  const fixture = await makeFixture(dir, 300_000);
  const file = path.join(dir, 'backup.cofferbak');
  await writeContainer(file, fixture.opts);
  return { ...fixture, file, bytes: fs.readFileSync(file) };
}

describe('a damaged backup is told apart from a wrong recovery key', () => {
  it('writes format version 2, with the header checksum', async () => {
    const { bytes } = await written(tempDir());
    expect(bytes.readUInt16BE(8)).toBe(2);
  });

  it.each(DAMAGE)('a changed byte in %s is BACKUP_CORRUPT with the right recovery key, and in the drill', async (_what, field) => {
    const dir = tempDir();
    const { bytes, recoverySecret } = await written(dir);
    const bad = path.join(dir, 'damaged.cofferbak');
    fs.writeFileSync(bad, swapInHeader(bytes, field));
    expect((await failure(readHeader(bad))).code).toBe(BACKUP_CORRUPT_CODE);
    const report = await drillBackup({ file: bad, recoverySecret, nativeBinding: undefined, scratchDir: path.join(dir, 'scratch'), now: new Date().toISOString() });
    expect(report.checks[0]).toEqual({ name: 'key', ok: false, detail: BACKUP_CORRUPT_CODE });
  });

  it('a changed byte in the checksum itself is BACKUP_CORRUPT', async () => {
    const dir = tempDir();
    const { bytes } = await written(dir);
    const bad = path.join(dir, 'damaged.cofferbak');
    const copy = Buffer.from(bytes);
    copy[14 + bytes.readUInt32BE(10) + 7]! ^= 0x01;
    fs.writeFileSync(bad, copy);
    expect((await failure(readHeader(bad))).code).toBe(BACKUP_CORRUPT_CODE);
  });

  it('a truncated file is BACKUP_CORRUPT, cut in the header or in the payload, with the right recovery key', async () => {
    const dir = tempDir();
    const { bytes, recoverySecret } = await written(dir);
    const inHeader = path.join(dir, 'cut-header.cofferbak');
    fs.writeFileSync(inHeader, bytes.subarray(0, 200));
    expect((await failure(readHeader(inHeader))).code).toBe(BACKUP_CORRUPT_CODE);
    const inPayload = path.join(dir, 'cut-payload.cofferbak');
    fs.writeFileSync(inPayload, bytes.subarray(0, bytes.length - 5000));
    const key = await keyFromRecovery(await readHeader(inPayload), recoverySecret); // the header is intact: the key is right
    expect((await failure(extractContainer(inPayload, key, path.join(dir, 'out.db')))).code).toBe(BACKUP_CORRUPT_CODE);
    expect(fs.existsSync(path.join(dir, 'out.db'))).toBe(false);
    const report = await drillBackup({ file: inPayload, recoverySecret, nativeBinding: undefined, scratchDir: path.join(dir, 'scratch'), now: new Date().toISOString() });
    expect(report.checks.slice(0, 2)).toEqual([
      { name: 'key', ok: true, detail: '' },
      { name: 'authenticate', ok: false, detail: BACKUP_CORRUPT_CODE },
    ]);
  });

  it('a genuinely wrong recovery key on an intact file is WRONG_KEY, and in the drill', async () => {
    const dir = tempDir();
    const { file } = await written(dir);
    const other = generateRecoveryKey().secret;
    expect((await failure(keyFromRecovery(await readHeader(file), other))).code).toBe('WRONG_KEY');
    const report = await drillBackup({ file, recoverySecret: other, nativeBinding: undefined, scratchDir: path.join(dir, 'scratch'), now: new Date().toISOString() });
    expect(report.checks).toEqual([{ name: 'key', ok: false, detail: 'WRONG_KEY' }]);
  });
});

describe('version 1 backups (no header checksum) stay readable', () => {
  it('restores the fixture with its database key and with its recovery key', async () => {
    const dir = tempDir();
    expect(fs.readFileSync(V1_FILE).readUInt16BE(8)).toBe(1);
    const dbKey = Buffer.from(V1.dbKey, 'hex');
    expect(await verifyContainer(V1_FILE, dbKey)).toEqual(V1.manifest);
    const key = await keyFromRecovery(await readHeader(V1_FILE), Buffer.from(V1.recoverySecret, 'hex'));
    expect(key.equals(dbKey)).toBe(true);
    const dest = path.join(dir, 'restored.db');
    expect(await extractContainer(V1_FILE, key, dest)).toEqual(V1.manifest);
    expect(fs.readFileSync(dest).equals(Buffer.from(V1.snapshot, 'base64'))).toBe(true);
    expect((await failure(keyFromRecovery(await readHeader(V1_FILE), generateRecoveryKey().secret))).code).toBe('WRONG_KEY');
  });

  it('is why the checksum exists: the same damage to a version 1 header reads as WRONG_KEY', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'damaged-v1.cofferbak');
    fs.writeFileSync(bad, swapInHeader(fs.readFileSync(V1_FILE), DAMAGE[0]![1]));
    expect((await failure(keyFromRecovery(await readHeader(bad), Buffer.from(V1.recoverySecret, 'hex')))).code).toBe('WRONG_KEY');
    // Its payload is still authenticated: it can never be restored, whatever the message.
    expect((await failure(verifyContainer(bad, Buffer.from(V1.dbKey, 'hex')))).code).toBe(BACKUP_CORRUPT_CODE);
  });
});
