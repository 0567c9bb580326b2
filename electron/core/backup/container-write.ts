import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import fsp, { type FileHandle } from 'node:fs/promises';
import { CofferError } from '../../../shared/errors';
import { assertSaneKdf, type KdfParams, type WrappedKey } from '../vault/key-wrap';
import { faultPoint } from '../vault/fault';
import { CHUNK_SIZE, chunkAad, encodePrefix, isBackupHeader, isBackupManifest, payloadKey, u32, type BackupHeader, type BackupManifest } from './container-format';
import { backupCorrupt, TAG, withFile, writeAllAt } from './container-io';

// Part of the backup container (container.ts, which describes the format): writing one, and
// the read-back check of what was written.

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

