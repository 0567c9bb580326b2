import { CofferError } from '../../../shared/errors';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';

/**
 * A customer that exists but lies outside the caller's row scope. The caller is told NOT_FOUND,
 * exactly as for a missing record (no confirmation that it exists), but the attempt is kept.
 */
export class OutOfScopeError extends CofferError {
  constructor(readonly customerId: number) {
    super('NOT_FOUND', 'That customer does not exist.');
  }
}

/**
 * Runs a scoped call (usually a whole transaction). If it was refused as out of scope, the
 * transaction has been rolled back by then, so the probe is recorded in its own transaction,
 * committed before the NOT_FOUND answer goes out: someone trying ids one by one shows up in the
 * log as `customer.probe` rows naming each id.
 */
export function recordingProbes<T>(db: Db, audit: (db: Db, entry: AuditEntry, at: Date) => unknown, session: Session, now: () => Date, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof OutOfScopeError && !db.inTransaction) {
      audit(db, { actor: auditActor(session), action: 'customer.probe', entity: 'customer', recordId: String(error.customerId), outcome: 'denied' }, now());
    }
    throw error;
  }
}
