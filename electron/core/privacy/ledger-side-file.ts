import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import type { LedgerEntry } from './ledger-repository';

/**
 * The decision ledger outside the backup set: one small file next to the vault
 * (<profile>/decision-ledger.cofferledger) and a copy in the backup folder
 * (decision-ledger-<vaultId>.cofferledger), since a new computer has no old profile but does have
 * the backup folder. Layout: magic, u32 header length, header JSON (vault id, key id; clear, and
 * authenticated as GCM's additional data), 12-byte IV, 16-byte tag, ciphertext of
 * {secret, entries}. No personal data in either part: the entries are hashes and ids.
 *
 * The key: HKDF-SHA256 of the vault's database key (salt = vault id, info below). Why that key
 * (DESIGN.md §2): a restore in place holds the live database key; a restore on a new computer
 * holds the recovery key, which unwraps the database key sealed into the backup's header, so both
 * can open the file with what they already have. Not the recovery key itself: the running app has
 * only its public half, and a file sealed to a public key can be forged by anyone who reads
 * vault.json, so it would not be authenticated at all. Not a keychain secret: the keychain is
 * exactly what a new computer lacks. After a key rotation the file is under the new key; a new
 * computer finds that key in a newer backup's header with the recovery key (readSideFileFrom's
 * `keyFor`), the way backup-anchors.ts finds each backup's key.
 */
const MAGIC = Buffer.from('COFFERLG', 'ascii');
const INFO = Buffer.from('coffer/decision-ledger/side-file/v1', 'utf8');
export const SIDE_FILE = 'decision-ledger.cofferledger';
export const folderSideFile = (vaultId: string) => `decision-ledger-${vaultId}.cofferledger`;
/** The side file in the backup folder, its temp file and a set-aside tampered copy: not backups, never listed as such. */
export const FOLDER_SIDE_FILE_PATTERN = /^decision-ledger-[^/\\]+\.cofferledger(\..+)?$/;

export interface SideFileHeader {
  format: 1;
  vaultId: string;
  keyId: string;
}

export interface SideFileBody {
  /** The vault's ledger secret (base64): a vault restored from before its first entry adopts it. */
  secret: string;
  entries: LedgerEntry[];
}

function sideKey(dbKey: Uint8Array, vaultId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.from(vaultId, 'utf8'), INFO, 32));
}

export function encodeSideFile(header: SideFileHeader, body: SideFileBody, dbKey: Uint8Array): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const aad = Buffer.concat([MAGIC, length, headerBytes]);
  const iv = randomBytes(12);
  const key = sideKey(dbKey, header.vaultId);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
    return Buffer.concat([aad, iv, cipher.getAuthTag(), sealed]);
  } finally {
    key.fill(0);
  }
}

/** The clear header, or null when the bytes are not a side file at all (that is tampering too). */
export function sideFileHeader(bytes: Buffer): SideFileHeader | null {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const length = bytes.readUInt32BE(MAGIC.length);
  if (length > 4096 || bytes.length < MAGIC.length + 4 + length + 28) return null;
  try {
    const header = JSON.parse(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length).toString('utf8')) as SideFileHeader;
    return header.format === 1 && typeof header.vaultId === 'string' && typeof header.keyId === 'string' ? header : null;
  } catch {
    return null;
  }
}

/** LEDGER_TAMPERED when the file is not exactly what this vault's key wrote (GCM's tag fails). */
export function decodeSideFile(bytes: Buffer, dbKey: Uint8Array): { header: SideFileHeader; body: SideFileBody } {
  const header = sideFileHeader(bytes);
  if (!header) throw tampered();
  const start = MAGIC.length + 4 + bytes.readUInt32BE(MAGIC.length);
  const key = sideKey(dbKey, header.vaultId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(start, start + 12));
    decipher.setAAD(bytes.subarray(0, start));
    decipher.setAuthTag(bytes.subarray(start + 12, start + 28));
    const clear = Buffer.concat([decipher.update(bytes.subarray(start + 28)), decipher.final()]);
    const body = JSON.parse(clear.toString('utf8')) as SideFileBody;
    if (typeof body.secret !== 'string' || !Array.isArray(body.entries)) throw tampered();
    return { header, body };
  } catch (error) {
    throw error instanceof CofferError ? error : tampered();
  } finally {
    key.fill(0);
  }
}

function tampered(): CofferError {
  return new CofferError('LEDGER_TAMPERED', 'The decision ledger file next to the vault has been changed or damaged, so it cannot be trusted.');
}

/** Temp file, fsync, rename over the old one, fsync the folder: a crash leaves the old file or the new, never half of one. */
export function writeFileAtomic(file: string, bytes: Buffer): void {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  try {
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch {
    // Windows and some network shares cannot fsync a folder; the rename is all there is.
  }
}

export function readIfPresent(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
