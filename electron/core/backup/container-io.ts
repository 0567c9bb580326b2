import fsp, { type FileHandle } from 'node:fs/promises';
import { CofferError } from '../../../shared/errors';
import { mapFsError } from '../db/storage-errors';

// Part of the backup container (container.ts): the file plumbing both the writer and the reader use.

/** The GCM tag after each chunk's ciphertext. */
export const TAG = 16;

/** Damage, as opposed to WRONG_KEY (a key that belongs to another vault). */
export const BACKUP_CORRUPT_CODE = 'BACKUP_CORRUPT' as const;

export function backupCorrupt(): CofferError {
  return new CofferError(
    BACKUP_CORRUPT_CODE,
    'This backup file is damaged, incomplete or not a Coffer backup of this vault, so it cannot be restored. Nothing was restored or changed: choose another backup, for example an older one.',
  );
}

export async function withFile<T>(file: string, use: (fh: FileHandle) => Promise<T>): Promise<T> {
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

export async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  for (let n = 0, r; n < length; n += r) {
    r = (await fh.read(buf, n, length - n, position + n)).bytesRead;
    if (r === 0) throw backupCorrupt(); // shorter than it says: cut off
  }
  return buf;
}

export async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  for (let n = 0; n < bytes.length; ) n += (await fh.write(bytes, n, bytes.length - n, null)).bytesWritten;
}

export async function writeAllAt(fh: FileHandle, bytes: Buffer, position: number): Promise<void> {
  for (let n = 0; n < bytes.length; ) n += (await fh.write(bytes, n, bytes.length - n, position + n)).bytesWritten;
}

export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw backupCorrupt();
  }
}
