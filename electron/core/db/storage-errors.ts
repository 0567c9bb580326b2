import { CofferError } from '../../../shared/errors';

/**
 * File system failures as messages a person can act on. They never name the path: profile
 * folders usually contain the OS account name.
 */
export function storageError(errno: string): CofferError {
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'SQLITE_FULL':
      return new CofferError('STORAGE_UNAVAILABLE', 'The disk is full. Nothing was changed: free some space on this disk, then try again.');
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new CofferError('STORAGE_UNAVAILABLE', 'Coffer cannot write to its profile folder (it is read-only or not permitted). Nothing was changed: make the folder writable for your account, then try again.');
    default:
      return new CofferError('STORAGE_UNAVAILABLE', 'The disk reported an error. Nothing was deleted: check that the disk is connected and healthy, then try again.');
  }
}

/** Maps a thrown fs error to STORAGE_UNAVAILABLE; anything else passes through unchanged. */
export function mapFsError(error: unknown): unknown {
  if (error instanceof CofferError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? storageError(code) : error;
}
