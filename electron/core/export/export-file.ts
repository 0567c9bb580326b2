import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { mapFsError } from '../db/storage-errors';
import { fsyncDirectory } from '../platform/atomic-file';

/**
 * A file written in pieces so that the destination holds either nothing new or the whole file:
 * the pieces go to a temp file in the same folder (so the rename cannot cross disks), which is
 * fsynced and only then renamed over the destination. Any failure removes the temp file.
 */
export function openExportFile(target: string): { write(chunk: Uint8Array): void; commit(): string; abort(): void } {
  const dir = path.dirname(target);
  // No personal data in the name: a fixed prefix, the process and a random part.
  const temp = path.join(dir, `.coffer-export.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  const hash = createHash('sha256');
  let open = true;
  const close = () => {
    if (open) fs.closeSync(fd);
    open = false;
  };
  return {
    write(chunk) {
      let offset = 0;
      while (offset < chunk.length) offset += fs.writeSync(fd, chunk, offset, chunk.length - offset);
      hash.update(chunk);
    },
    commit() {
      try {
        fs.fsyncSync(fd);
        close();
        fs.renameSync(temp, target);
      } catch (error) {
        this.abort();
        throw error;
      }
      fsyncDirectory(dir);
      return hash.digest('hex');
    },
    abort() {
      try {
        close();
      } finally {
        fs.rmSync(temp, { force: true });
      }
    },
  };
}

/** A whole file at once through openExportFile (all or nothing); a disk error is mapped to its typed one. Returns the SHA-256. */
export function writeExportFile(target: string, bytes: Uint8Array): string {
  let file: ReturnType<typeof openExportFile>;
  try {
    file = openExportFile(target);
  } catch (error) {
    throw mapFsError(error);
  }
  try {
    file.write(bytes);
    return file.commit();
  } catch (error) {
    file.abort();
    throw mapFsError(error);
  }
}
