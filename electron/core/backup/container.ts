import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fsp, { type FileHandle } from 'node:fs/promises';
import { CofferError } from '../../../shared/errors';
import { mapFsError } from '../db/storage-errors';
import { assertSaneKdf, deriveRecoveryKeyPair, unwrapKey, wrongRecoveryKey, type KdfParams, type WrappedKey } from '../vault/key-wrap';
import { faultPoint } from '../vault/fault';
import {
  CHUNK_SIZE,
  chunkAad,
  encodePrefix,
  HEADER_CHECKSUM,
  isBackupHeader,
  isBackupManifest,
  MAGIC,
  payloadKey,
  PREFIX,
  READABLE_VERSIONS,
  sha256,
  u32,
  type BackupHeader,
  type BackupManifest,
} from './container-format';

export { CHUNK_SIZE, FORMAT_VERSION, MAGIC, type BackupHeader, type BackupManifest } from './container-format';

/**
 * The encrypted backup file.
 *
 *   "COFFERBK" | u16 version (2) | u32 header length | header JSON | SHA-256 of all before it | chunk* (u32 length, ciphertext, tag)
 *
 * (Version 1, still read, has no checksum: its chunks follow the header JSON directly.)
 * The header is readable without a key (ids, the recovery KDF and public key, the sealed
 * database key) so the recovery key alone can restore the file. Everything else is one payload,
 * u32 manifest length | manifest JSON | snapshot bytes, encrypted in 1 MiB chunks with AES-256-GCM
 * under HKDF-SHA256(database key, header salt). Each chunk's associated data is
 * SHA-256(magic to the end of the header JSON: the stored checksum) | u32 index | final flag, and its nonce is the
 * header's random prefix | u32 index (the STREAM construction): a changed header, a reordered,
 * dropped or added chunk, or a file cut at a chunk boundary all fail to authenticate.
 *
 * The checksum is not a secret and proves nothing against someone who rewrites the header (the
 * chunks do that); it tells accidental damage from a wrong recovery key, which would otherwise
 * look the same, so nobody is told their correct key is wrong.
 *
 * Readers never act on unauthenticated plaintext: verify decrypts everything and only hashes it;
 * extract writes the snapshot in a second pass after verify succeeded, and re-authenticates
 * every chunk as it goes because the file may change between the passes.
 */
const MAX_HEADER = 64 * 1024;
const MAX_MANIFEST = 64 * 1024;
const TAG = 16;

/** Damage, as opposed to WRONG_KEY (a key that belongs to another vault). */
export const BACKUP_CORRUPT_CODE = 'BACKUP_CORRUPT' as const;

export function backupCorrupt(): CofferError {
  return new CofferError(
    BACKUP_CORRUPT_CODE,
    'This backup file is damaged, incomplete or not a Coffer backup of this vault, so it cannot be restored. Nothing was restored or changed: choose another backup, for example an older one.',
  );
}

export interface WriteContainerOptions {
  snapshotPath: string;
  dbKey: Uint8Array;
  deviceId: string;
  vaultId: string;
  keyId: string;
  recoveryKdf: KdfParams;
  recoveryPublicKey: string;
  wrappedKey: WrappedKey;
  /**
   * The checksum and size are taken while encrypting; given ones must match, or nothing is
   * written. A promise is awaited only once the snapshot is encrypted: the backup job counts the
   * snapshot's rows on another thread meanwhile.
   */
  manifest: ManifestInput | Promise<ManifestInput>;
  /** Told of every piece once written (the backup worker's read-back thread); otherwise each is hashed for checkWritten. */
  onWritten?: ((position: number, bytes: Buffer) => void) | undefined;
  /** Told how many snapshot bytes are encrypted so far: the Backups page's percentage. */
  onEncrypted?: ((snapshotBytes: number) => void) | undefined;
}

export type ManifestInput = Omit<BackupManifest, 'snapshotSha256' | 'snapshotBytes'> & Partial<Pick<BackupManifest, 'snapshotSha256' | 'snapshotBytes'>>;

/** Where each piece of a container went and its SHA-256: the read-back check after writing. */
export type WrittenPieces = { position: number; length: number; sha256: string }[];

/**
 * Chunk 0 holds only the manifest, padded with spaces (JSON allows them) to this fixed size, so it
 * can be encrypted last, after the pass that encrypts the snapshot has hashed it too: one read of
 * a 300 MB snapshot instead of two. Readers see the format they always did.
 */
export const MANIFEST_SLOT = 16 * 1024;
const PLACEHOLDER = { snapshotSha256: '0'.repeat(64), snapshotBytes: 0 };

/**
 * Streams the snapshot into a new container and returns the manifest it sealed in. A path is
 * created (never overwritten) and fsynced.
 */
export async function writeContainer(out: string | FileHandle, opts: WriteContainerOptions): Promise<{ manifest: BackupManifest; written: WrittenPieces; size: number }> {
  const header: BackupHeader = {
    deviceId: opts.deviceId,
    vaultId: opts.vaultId,
    keyId: opts.keyId,
    kdf: opts.recoveryKdf,
    recoveryPublicKey: opts.recoveryPublicKey,
    wrappedKey: opts.wrappedKey,
    salt: randomBytes(32).toString('base64'),
    noncePrefix: randomBytes(8).toString('base64'),
    chunkSize: CHUNK_SIZE,
  };
  // Refuse to write what no reader would accept: it would only be found out at restore time.
  if (opts.dbKey.length !== 32 || !isBackupHeader(header) || (!(opts.manifest instanceof Promise) && !acceptable(opts.manifest, opts.deviceId))) throw notPrepared();
  assertSaneKdf(header.kdf);
  if (typeof out !== 'string') return writeTo(out, header, opts);
  const fh = await fsp.open(out, 'wx', 0o600);
  try {
    const result = await writeTo(fh, header, opts);
    await fh.sync();
    await fh.close();
    return result;
  } catch (error) {
    await fh.close().catch(() => undefined);
    await fsp.rm(out, { force: true }).catch(() => undefined);
    throw error;
  }
}

const notPrepared = () => new CofferError('INTERNAL', 'The backup could not be prepared. Nothing was saved: back up again, and report this if it keeps happening.');
const acceptable = (manifest: ManifestInput, deviceId: string) => isBackupManifest({ ...PLACEHOLDER, ...manifest }) && manifest.deviceId === deviceId;

async function writeTo(fh: FileHandle, header: BackupHeader, opts: WriteContainerOptions): Promise<{ manifest: BackupManifest; written: WrittenPieces; size: number }> {
  const { bytes: prefix, digest } = encodePrefix(Buffer.from(JSON.stringify(header), 'utf8'));
  const key = payloadKey(opts.dbKey, header.salt);
  const noncePrefix = Buffer.from(header.noncePrefix, 'base64');
  const seal = (plain: Buffer, index: number, final: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', key, Buffer.concat([noncePrefix, u32(index)]));
    cipher.setAAD(chunkAad(digest, index, final));
    // GCM is a stream mode: update() returns all of the ciphertext and final() nothing, so one
    // copy into the sealed chunk instead of two.
    const ciphertext = cipher.update(plain);
    if (cipher.final().length !== 0) throw new CofferError('INTERNAL', 'The backup could not be encrypted. Nothing was saved: back up again.');
    return Buffer.concat([u32(ciphertext.length), ciphertext, cipher.getAuthTag()]);
  };
  const hash = createHash('sha256');
  let snapshotBytes = 0;
  let position = prefix.length + 4 + 4 + MANIFEST_SLOT + TAG; // chunk 0 (the manifest) goes in last
  let chunks = 0;
  const written: WrittenPieces = [];
  const put = async (bytes: Buffer, at: number) => {
    await writeAllAt(fh, bytes, at);
    if (opts.onWritten) opts.onWritten(at, bytes);
    else written.push({ position: at, length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  };
  const snap = await fsp.open(opts.snapshotPath, 'r');
  try {
    await put(prefix, 0);
    // One chunk of look-ahead: a chunk is final exactly when nothing follows it.
    const next = async (): Promise<Buffer> => {
      const buf = Buffer.allocUnsafe(CHUNK_SIZE);
      let n = 0;
      for (let r; n < CHUNK_SIZE && (r = (await snap.read(buf, n, CHUNK_SIZE - n, null)).bytesRead) > 0; n += r);
      hash.update(buf.subarray(0, n));
      snapshotBytes += n;
      opts.onEncrypted?.(snapshotBytes);
      return buf.subarray(0, n);
    };
    let current = await next();
    while (current.length > 0) {
      const following = await next();
      chunks += 1;
      if (chunks === 0xffffffff) throw new CofferError('INTERNAL', 'The database is too large for one backup file.');
      const sealed = seal(current, chunks, following.length === 0);
      const length = sealed.length; // put() may hand the buffer to another thread
      await put(sealed, position);
      position += length;
      if (chunks === 1) faultPoint('container:after-first-chunk');
      current = following;
    }
    const given = await opts.manifest;
    if (!acceptable(given, header.deviceId)) throw notPrepared();
    const manifest: BackupManifest = { ...given, snapshotSha256: hash.digest('hex'), snapshotBytes };
    const json = Buffer.from(JSON.stringify(manifest), 'utf8');
    if ((given.snapshotSha256 !== undefined && given.snapshotSha256 !== manifest.snapshotSha256) || (given.snapshotBytes !== undefined && given.snapshotBytes !== snapshotBytes) || json.length > MANIFEST_SLOT) {
      throw new CofferError('INTERNAL', 'The database snapshot changed while it was being backed up. Nothing was saved: back up again.');
    }
    const slot = Buffer.alloc(4 + MANIFEST_SLOT, 0x20);
    slot.writeUInt32BE(MANIFEST_SLOT, 0);
    json.copy(slot, 4);
    await put(seal(slot, 0, chunks === 0), prefix.length);
    return { manifest, written, size: position };
  } finally {
    key.fill(0);
    await snap.close();
  }
}

/**
 * The read-back check right after writing: every piece hashed again as the file now reads, and
 * nothing more or less in the file. A flipped bit on the way to a USB stick or a NAS is caught
 * before the backup gets its final name. Hashing the ciphertext costs a third of decrypting it.
 */
export async function checkWritten(file: string, written: WrittenPieces): Promise<void> {
  const end = Math.max(...written.map((w) => w.position + w.length));
  await withFile(file, async (fh) => {
    if ((await fh.stat()).size !== end) throw backupCorrupt();
    const buf = Buffer.allocUnsafe(Math.max(...written.map((w) => w.length)));
    for (const piece of written) {
      const { bytesRead } = await fh.read(buf, 0, piece.length, piece.position);
      if (bytesRead !== piece.length || createHash('sha256').update(buf.subarray(0, piece.length)).digest('hex') !== piece.sha256) throw backupCorrupt();
    }
  });
}

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

async function withFile<T>(file: string, use: (fh: FileHandle) => Promise<T>): Promise<T> {
  let fh: FileHandle;
  try {
    fh = await fsp.open(file, 'r');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new CofferError('NOT_FOUND', 'That backup file is no longer there (it may have been moved, or its disk unplugged). Nothing was restored: choose the backup again.');
    }
    throw mapFsError(error);
  }
  try {
    return await use(fh);
  } finally {
    await fh.close();
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  for (let n = 0, r; n < length; n += r) {
    r = (await fh.read(buf, n, length - n, position + n)).bytesRead;
    if (r === 0) throw backupCorrupt(); // shorter than it says: cut off
  }
  return buf;
}

async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  for (let n = 0; n < bytes.length; ) n += (await fh.write(bytes, n, bytes.length - n, null)).bytesWritten;
}

async function writeAllAt(fh: FileHandle, bytes: Buffer, position: number): Promise<void> {
  for (let n = 0; n < bytes.length; ) n += (await fh.write(bytes, n, bytes.length - n, position + n)).bytesWritten;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw backupCorrupt();
  }
}
