import Database from 'better-sqlite3-multiple-ciphers';
import { CofferError } from '../../../shared/errors';
import { keepTempInMemory, type Db } from '../db/open-database';
import { verifyAudit, type AuditVerdict } from './audit-verify';

export interface AuditVerifyJobInput {
  dbFile: string;
  key: Uint8Array;
  nativeBinding: string | undefined;
}

/**
 * The full verify on a worker thread (backup-worker.ts, task 'auditVerify'): its own read-only
 * connection to the live vault file, so the app's connection and every other call go on while
 * it walks 1,000,000 rows. WAL lets it read a consistent snapshot while main keeps appending;
 * rows appended after the snapshot began are for the next verify. Progress as percent.
 */
export function runAuditVerifyJob(input: AuditVerifyJobInput, progress: (step: string, percent?: number) => void): AuditVerdict {
  const db = openReadOnly(input);
  try {
    return verifyAudit(db, { onProgress: (checked, total) => progress('audit', total > 0 ? Math.min(99, Math.floor((checked * 100) / total)) : 0) });
  } finally {
    db.close();
  }
}

function openReadOnly(input: AuditVerifyJobInput): Db {
  const db = new Database(input.dbFile, { readonly: true, fileMustExist: true, ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}) });
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key="x'${Buffer.from(input.key).toString('hex')}'"`);
    db.pragma('cache_size=-65536');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    keepTempInMemory(db);
    return db;
  } catch {
    db.close();
    throw new CofferError('INTERNAL', 'The audit log could not be opened for checking. Try again.');
  }
}
