import type { AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { clearDormant, skipPendingFor } from './retention-repository';

/**
 * Any new interaction or purchase wakes a dormant customer (issue 17): visible in every list
 * again, and out of any open proposal (an approval for that batch then no longer matches its
 * count, so it needs a new one). Inside the caller's transaction; one audit row when it woke.
 */
export function wakeIfDormant(db: Db, audit: (db: Db, entry: AuditEntry, at: Date) => unknown, actor: AuditEntry['actor'], customerId: number, at: Date): boolean {
  if (clearDormant(db, [customerId]) === 0) return false;
  const left = skipPendingFor(db, customerId);
  audit(db, { actor, action: 'retention.wake', entity: 'customer', recordId: String(customerId), outcome: 'ok', reason: left > 0 ? 'left proposal' : 'woken', customerIds: [customerId] }, at);
  return true;
}
