import fsp from 'node:fs/promises';
import path from 'node:path';
import { faultPoint } from '../vault/fault';
import { CofferError } from '../../../shared/errors';
import { backupFileName, backupFolderError, partialName } from './backup-files';

/**
 * Puts one new backup into the backup folder so that it is either complete under its final name
 * or not there at all: write `<name>.partial`, fsync it, rename it to `<name>` without ever
 * replacing a file, fsync the folder. Other files in the folder are never opened for writing,
 * so a failure (disk full, folder gone, no permission) loses nothing that was there before.
 */

/** The outside world, replaceable in tests: a full disk or an unplugged drive cannot be made for real. */
export interface PublishFs {
  fsyncFile(file: string): Promise<void>;
  /** Renames, failing with CONFLICT instead of replacing an existing `to`. */
  renameNoReplace(from: string, to: string): Promise<void>;
  fsyncDir(dir: string): Promise<void>;
  remove(file: string): Promise<void>;
}

export const nodePublishFs: PublishFs = {
  async fsyncFile(file) {
    const fh = await fsp.open(file, 'r+'); // Windows flushes only handles opened for writing
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  renameNoReplace,
  async fsyncDir(dir) {
    // Windows cannot open a folder for fsync (NTFS journals renames instead), and some file
    // systems (network shares, FUSE cloud drives) refuse it: then the rename is all we can do.
    if (process.platform === 'win32') return;
    let fh;
    try {
      fh = await fsp.open(dir, 'r');
      await fh.sync();
    } catch (error) {
      if (!['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EOPNOTSUPP'].includes(String((error as { code?: unknown }).code))) throw error;
    } finally {
      await fh?.close();
    }
  },
  remove: (file) => fsp.rm(file, { force: true }),
};

// File systems without hard links: FAT and exFAT drives, some network shares and cloud mounts.
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

async function renameNoReplace(from: string, to: string): Promise<void> {
  // rename(2) silently replaces its target; link(2) fails with EEXIST instead, atomically.
  try {
    await fsp.link(from, to);
    await fsp.unlink(from).catch(() => undefined); // the backup is in place; a leftover .partial is ignored
    return;
  } catch (error) {
    const code = String((error as { code?: unknown }).code);
    if (code === 'EEXIST') throw nameTaken();
    if (!NO_LINKS.has(code)) throw error;
  }
  // No hard links here: check, then rename. The window is tiny and the names carry 24 random
  // bits, so the only realistic clash is a file someone copied in under this very name.
  const exists = await fsp.lstat(to).then(
    () => true,
    (error: unknown) => ((error as { code?: unknown }).code === 'ENOENT' ? false : Promise.reject(error)),
  );
  if (exists) throw nameTaken();
  await fsp.rename(from, to);
}

function nameTaken(): CofferError {
  return new CofferError('CONFLICT', 'A file with the new backup\'s name is already in the backup folder. It was left untouched and nothing was saved: back up again.');
}

/**
 * Writes one backup through `write` (which must create the file at the path it is given) and
 * returns the final path. Throws a CofferError saying what went wrong and what to do next.
 */
export async function publishBackup(
  dir: string,
  deviceId: string,
  now: Date,
  write: (partialPath: string) => Promise<void>,
  fsOps: PublishFs = nodePublishFs,
): Promise<string> {
  return publishAs(dir, backupFileName(deviceId, now), write, fsOps);
}

/** publishBackup under a name already chosen: the second backup folder's copy keeps the first's name. */
export async function publishAs(dir: string, finalName: string, write: (partialPath: string) => Promise<void>, fsOps: PublishFs = nodePublishFs): Promise<string> {
  const finalPath = path.join(dir, finalName);
  const partialPath = path.join(dir, partialName(finalName));
  let renamed = false;
  try {
    await write(partialPath);
    faultPoint('publish:after-write');
    await fsOps.fsyncFile(partialPath);
    faultPoint('publish:after-fsync');
    await fsOps.renameNoReplace(partialPath, finalPath);
    renamed = true;
    faultPoint('publish:after-rename');
    await fsOps.fsyncDir(dir);
    faultPoint('publish:after-dir-fsync');
    return finalPath;
  } catch (error) {
    // Best effort: if the folder is gone there is nothing left to clean up anyway. A renamed
    // file whose folder could not be flushed is removed too, so that "nothing was saved" holds
    // and the retry starts clean rather than leaving a backup that might not survive a crash.
    await fsOps.remove(renamed ? finalPath : partialPath).catch(() => undefined);
    throw await backupFolderError(error, dir);
  }
}
