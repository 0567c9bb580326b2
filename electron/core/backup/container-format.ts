import { createHash, hkdfSync } from 'node:crypto';
import type { KdfParams, WrappedKey } from '../vault/key-wrap';
import { DEVICE_ID_PATTERN } from './backup-files';

/**
 * The bytes of a backup file (see container.ts for the layout and why), the two JSON documents
 * inside it, and their strict shape checks. The header is
 * read before anything is authenticated, so nothing in it is trusted until it passes here: exact
 * key sets, bounded sizes, and byte lengths that match what the cryptography expects.
 */

/** Readable without a key. Ids, recovery parameters and the sealed key: nothing personal. */
export interface BackupHeader {
  deviceId: string;
  vaultId: string;
  keyId: string;
  kdf: KdfParams;
  recoveryPublicKey: string; // base64, raw X25519, 32 bytes
  wrappedKey: WrappedKey; // the database key sealed to the recovery key (see key-wrap.ts)
  salt: string; // base64, 32 bytes: HKDF salt for the payload key
  noncePrefix: string; // base64, 8 bytes
  chunkSize: number;
}

/**
 * Encrypted, first thing in the payload. Counts, versions and checksums only: a restore drill
 * reads it to check the restored copy, and nothing in it identifies a customer or a user.
 */
export interface BackupManifest {
  format: 1;
  createdAt: string; // ISO 8601, UTC
  app: string; // e.g. "Coffer 0.1.0"
  schema: number; // PRAGMA user_version
  sqlite: string;
  tables: Record<string, number>; // row counts
  snapshotSha256: string; // hex, of the snapshot file (still SQLCipher-encrypted)
  snapshotBytes: number;
  auditHead: { seq: number; hash: string } | null;
  deviceId: string;
}

export const MAGIC = Buffer.from('COFFERBK', 'ascii');
/**
 * The version written. Version 2 adds the header checksum (below); version 1 files, written
 * before it, are still read.
 */
export const FORMAT_VERSION = 2;
export const READABLE_VERSIONS: readonly number[] = [1, 2];
export const CHUNK_SIZE = 1024 * 1024;
export const PREFIX = MAGIC.length + 2 + 4; // magic, u16 version, u32 header length
/** Bytes of the header checksum that follows the header JSON from version 2 on. */
export const HEADER_CHECKSUM = 32;
// The payload key's label stays as version 1 had it: the payload encryption did not change.
const INFO = Buffer.from('coffer backup v1');

/**
 * The readable part of a new container: magic, version, header length, header JSON, then (from
 * version 2) SHA-256 of all of that. The same SHA-256 is the digest every chunk is bound to.
 * The checksum lets a reader tell a damaged header from a wrong recovery key before it uses any
 * key: in version 1 a changed byte in the sealed key or the public key read as "wrong key".
 */
export function encodePrefix(headerBytes: Buffer): { bytes: Buffer; digest: Buffer } {
  const fixed = Buffer.alloc(PREFIX);
  MAGIC.copy(fixed);
  fixed.writeUInt16BE(FORMAT_VERSION, MAGIC.length);
  fixed.writeUInt32BE(headerBytes.length, MAGIC.length + 2);
  const digest = sha256(Buffer.concat([fixed, headerBytes]));
  return { bytes: Buffer.concat([fixed, headerBytes, digest]), digest };
}

/** A fresh key per backup (random salt), so chunk nonces never repeat under one key. */
export function payloadKey(dbKey: Uint8Array, salt: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.from(salt, 'base64'), INFO, 32));
}

/** Binds a chunk to the exact header bytes, its position, and whether it is the last one. */
export function chunkAad(headerDigest: Buffer, index: number, final: boolean): Buffer {
  return Buffer.concat([headerDigest, u32(index), Buffer.from([final ? 1 : 0])]);
}

export function u32(value: number): Buffer {
  const buf = Buffer.alloc(4);
  buf.writeUInt32BE(value);
  return buf;
}

export function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

export const MIN_CHUNK = 64 * 1024;
export const MAX_CHUNK = 16 * 1024 * 1024;

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function hasExactly(v: Rec, keys: readonly string[]): boolean {
  const own = Object.keys(v);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(v, k));
}

const hexId = (v: unknown): boolean => typeof v === 'string' && /^[0-9a-f]{16,64}$/.test(v);
const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const shortText = (v: unknown): boolean => typeof v === 'string' && v.length > 0 && v.length <= 64 && /^[\x20-\x7e]+$/.test(v);

/** Canonical base64 of exactly `bytes` bytes (or any non-empty length up to 4 KiB if omitted). */
function b64(v: unknown, bytes?: number): boolean {
  if (typeof v !== 'string' || v.length > 8192 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return false;
  const decoded = Buffer.from(v, 'base64');
  return decoded.toString('base64') === v && decoded.length > 0 && (bytes === undefined || decoded.length === bytes);
}

function isKdf(v: unknown): v is KdfParams {
  return (
    isRecord(v) &&
    hasExactly(v, ['name', 'logN', 'r', 'p', 'salt']) &&
    v.name === 'scrypt' &&
    Number.isInteger(v.logN) &&
    Number.isInteger(v.r) &&
    Number.isInteger(v.p) &&
    b64(v.salt)
  );
}

function isWrapped(v: unknown): v is WrappedKey {
  return (
    isRecord(v) &&
    hasExactly(v, ['keyId', 'ephemeralPublicKey', 'nonce', 'ciphertext', 'tag']) &&
    hexId(v.keyId) &&
    b64(v.ephemeralPublicKey, 32) &&
    b64(v.nonce, 12) &&
    b64(v.ciphertext, 32) &&
    b64(v.tag, 16)
  );
}

const HEADER_KEYS = ['deviceId', 'vaultId', 'keyId', 'kdf', 'recoveryPublicKey', 'wrappedKey', 'salt', 'noncePrefix', 'chunkSize'] as const;

export function isBackupHeader(v: unknown): v is BackupHeader {
  if (!isRecord(v) || !hasExactly(v, HEADER_KEYS)) return false;
  return (
    typeof v.deviceId === 'string' &&
    DEVICE_ID_PATTERN.test(v.deviceId) &&
    hexId(v.vaultId) &&
    hexId(v.keyId) &&
    isKdf(v.kdf) &&
    b64(v.recoveryPublicKey, 32) &&
    isWrapped(v.wrappedKey) &&
    v.wrappedKey.keyId === v.keyId &&
    b64(v.salt, 32) &&
    b64(v.noncePrefix, 8) &&
    Number.isInteger(v.chunkSize) &&
    (v.chunkSize as number) >= MIN_CHUNK &&
    (v.chunkSize as number) <= MAX_CHUNK
  );
}

const MANIFEST_KEYS = ['format', 'createdAt', 'app', 'schema', 'sqlite', 'tables', 'snapshotSha256', 'snapshotBytes', 'auditHead', 'deviceId'] as const;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function isBackupManifest(v: unknown): v is BackupManifest {
  if (!isRecord(v) || !hasExactly(v, MANIFEST_KEYS)) return false;
  const tables = v.tables;
  const head = v.auditHead;
  return (
    v.format === 1 &&
    typeof v.createdAt === 'string' &&
    ISO_UTC.test(v.createdAt) &&
    !Number.isNaN(Date.parse(v.createdAt)) &&
    shortText(v.app) &&
    count(v.schema) &&
    shortText(v.sqlite) &&
    isRecord(tables) &&
    Object.keys(tables).length <= 256 &&
    Object.entries(tables).every(([name, rows]) => TABLE_NAME.test(name) && count(rows)) &&
    typeof v.snapshotSha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(v.snapshotSha256) &&
    count(v.snapshotBytes) &&
    (head === null || (isRecord(head) && hasExactly(head, ['seq', 'hash']) && count(head.seq) && typeof head.hash === 'string' && /^[0-9a-f]{64}$/.test(head.hash))) &&
    typeof v.deviceId === 'string' &&
    DEVICE_ID_PATTERN.test(v.deviceId)
  );
}
