import { CofferError } from '../../../shared/errors';
import { openVaultReader, type Db } from '../db/open-database';
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
  return openVaultReader(input.dbFile, input.key, input.nativeBinding, (error, phase) =>
    phase === 'open' ? error : new CofferError('INTERNAL', 'The audit log could not be opened for checking. Try again.'),
  );
}
