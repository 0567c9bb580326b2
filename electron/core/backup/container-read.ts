import { createDecipheriv, createHash } from 'node:crypto';
import fsp, { type FileHandle } from 'node:fs/promises';
import { CofferError } from '../../../shared/errors';
import { mapFsError } from '../db/storage-errors';
import { assertSaneKdf, deriveRecoveryKeyPair, unwrapKey, wrongRecoveryKey } from '../vault/key-wrap';
import { chunkAad, HEADER_CHECKSUM, isBackupHeader, isBackupManifest, MAGIC, payloadKey, PREFIX, READABLE_VERSIONS, sha256, u32, type BackupHeader, type BackupManifest } from './container-format';
import { backupCorrupt, parseJson, readAt, TAG, withFile, writeAll } from './container-io';

// Part of the backup container (container.ts, which describes the format): reading one. Readers
// never act on unauthenticated plaintext.

const MAX_HEADER = 64 * 1024;
const MAX_MANIFEST = 64 * 1024;

/** Reads and checks the header; needs no key. The header is authenticated only later, by verify. */
export async function readHeader(file: string): Promise<BackupHeader> {
  return withFile(file, async (fh) => (await openContainer(fh)).header);
}

/**
 * The database key, unsealed with the recovery secret; WRONG_KEY if it is another key. For a
 * version 2 header that passed its checksum that is certain; a damaged version 1 header can
 * still read as WRONG_KEY (it has nothing to check against).
 */
export async function keyFromRecovery(header: BackupHeader, recoverySecret: Buffer): Promise<Buffer> {
  if (header.wrappedKey.keyId !== header.keyId) throw backupCorrupt();
  const pair = await deriveRecoveryKeyPair(recoverySecret, header.kdf);
  if (!pair.publicKey.equals(Buffer.from(header.recoveryPublicKey, 'base64'))) throw wrongRecoveryKey();
  const key = unwrapKey(header.wrappedKey, pair, header.vaultId);
  if (key.length !== 32) throw backupCorrupt();
  return key;
}

/** Authenticates every chunk and checks the snapshot against the manifest. Writes nothing. */
export async function verifyContainer(file: string, dbKey: Uint8Array): Promise<BackupManifest> {
  return withFile(file, (fh) => readPayload(fh, dbKey, null));
}

/**
 * The manifest alone, authenticated: only the chunks that hold it are decrypted (chunk 0 in files
 * written since MANIFEST_SLOT), so reading every backup's recorded audit head stays cheap.
 */
export async function readManifest(file: string, dbKey: Uint8Array): Promise<BackupManifest> {
  return withFile(file, (fh) => readPayload(fh, dbKey, null, true));
}

/** Verifies, then writes the snapshot to destPath (a new file, 0600, fsynced). */
export async function extractContainer(file: string, dbKey: Uint8Array, destPath: string): Promise<BackupManifest> {
  const manifest = await verifyContainer(file, dbKey);
  let out: FileHandle;
  try {
    out = await fsp.open(destPath, 'wx', 0o600);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') {
      throw new CofferError('CONFLICT', 'A file already exists where the backup was to be restored. Nothing was overwritten: try again.');
    }
    throw mapFsError(error);
  }
  try {
    const again = await withFile(file, (fh) => readPayload(fh, dbKey, (bytes) => writeAll(out, bytes)));
    if (again.snapshotSha256 !== manifest.snapshotSha256) throw backupCorrupt(); // replaced between the passes
    await out.sync();
    await out.close();
    return manifest;
  } catch (error) {
    await out.close().catch(() => undefined);
    await fsp.rm(destPath, { force: true }).catch(() => undefined);
    throw mapFsError(error);
  }
}

interface Opened {
  header: BackupHeader;
  digest: Buffer;
  offset: number;
  size: number;
}

async function openContainer(fh: FileHandle): Promise<Opened> {
  const size = (await fh.stat()).size;
  const fixed = await readAt(fh, 0, PREFIX);
  const version = fixed.readUInt16BE(MAGIC.length);
  if (!fixed.subarray(0, MAGIC.length).equals(MAGIC) || !READABLE_VERSIONS.includes(version)) throw backupCorrupt();
  const length = fixed.readUInt32BE(MAGIC.length + 2);
  const checksum = version >= 2 ? HEADER_CHECKSUM : 0;
  if (length === 0 || length > MAX_HEADER || PREFIX + length + checksum > size) throw backupCorrupt();
  const headerBytes = await readAt(fh, PREFIX, length);
  const digest = sha256(Buffer.concat([fixed, headerBytes]));
  // Before anything in the header is used: damage here must not read as a wrong key.
  if (checksum > 0 && !digest.equals(await readAt(fh, PREFIX + length, checksum))) throw backupCorrupt();
  const header = parseJson(headerBytes);
  if (!isBackupHeader(header)) throw backupCorrupt();
  try {
    assertSaneKdf(header.kdf);
  } catch {
    throw backupCorrupt(); // its own message names vault.json, which is not the damaged file here
  }
  return { header, digest, offset: PREFIX + length + checksum, size };
}

async function readPayload(fh: FileHandle, dbKey: Uint8Array, sink: ((bytes: Buffer) => Promise<void>) | null, manifestOnly = false): Promise<BackupManifest> {
  const { header, digest, offset, size } = await openContainer(fh);
  if (dbKey.length !== 32) throw backupCorrupt();
  const key = payloadKey(dbKey, header.salt);
  const noncePrefix = Buffer.from(header.noncePrefix, 'base64');
  const hash = createHash('sha256');
  let lead = Buffer.alloc(0);
  let manifest: BackupManifest | null = null;
  let snapshotBytes = 0;
  try {
    let pos = offset;
    for (let index = 0; pos < size || index === 0; index += 1) {
      if (pos + 4 > size || index > 0xffffffff) throw backupCorrupt();
      const length = (await readAt(fh, pos, 4)).readUInt32BE(0);
      const end = pos + 4 + length + TAG;
      if (length === 0 || length > header.chunkSize || end > size) throw backupCorrupt();
      const sealed = await readAt(fh, pos + 4, length + TAG);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.concat([noncePrefix, u32(index)]));
      decipher.setAAD(chunkAad(digest, index, end === size));
      decipher.setAuthTag(sealed.subarray(length));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(sealed.subarray(0, length)), decipher.final()]);
      } catch {
        throw backupCorrupt();
      }
      pos = end;
      if (!manifest) {
        lead = Buffer.concat([lead, plain]);
        if (lead.length < 4) continue;
        const manifestLength = lead.readUInt32BE(0);
        if (manifestLength === 0 || manifestLength > MAX_MANIFEST) throw backupCorrupt();
        if (lead.length < 4 + manifestLength) continue;
        const parsed = parseJson(lead.subarray(4, 4 + manifestLength));
        if (!isBackupManifest(parsed) || parsed.deviceId !== header.deviceId) throw backupCorrupt();
        manifest = parsed;
        if (manifestOnly) return manifest;
        plain = lead.subarray(4 + manifestLength);
      }
      hash.update(plain);
      snapshotBytes += plain.length;
      if (sink && plain.length > 0) await sink(plain);
    }
  } finally {
    key.fill(0);
  }
  if (!manifest || snapshotBytes !== manifest.snapshotBytes || hash.digest('hex') !== manifest.snapshotSha256) throw backupCorrupt();
  return manifest;
}

