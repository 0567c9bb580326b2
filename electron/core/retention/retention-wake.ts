import type { AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { candidateOf, clearDormant, dormantSince, listRules, skipPendingFor } from './retention-repository';
import { ruleFor, yearsBefore } from './retention-rules';

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

/**
 * After a change that moves a dormant customer's last contact (an interaction's or purchase's
 * date corrected, entries merged in): wakes it, audited, when the rule that governs it would no
 * longer call it dormant now. A correction further into the past leaves it dormant.
 */
export function wakeIfRecent(db: Db, audit: (db: Db, entry: AuditEntry, at: Date) => unknown, actor: AuditEntry['actor'], customerId: number, at: Date): boolean {
  if (dormantSince(db, customerId) === null) return false;
  const customer = candidateOf(db, customerId);
  if (!customer) return false;
  const rule = ruleFor(customer, listRules(db));
  if (customer.lastContact < yearsBefore(at, rule.dormantYears)) return false;
  return wakeIfDormant(db, audit, actor, customerId, at);
}
