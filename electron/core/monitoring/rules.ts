import type { MonitorRuleId } from '../../../shared/monitoring';

/** The rules that count a user's customer activity (the drill rules are raised by the backup job, erasure.check.failed by the erasure). */
export type ActivityRuleId = Exclude<MonitorRuleId, 'drill.failed' | 'drill.missed' | 'erasure.check.failed'>;
export const ACTIVITY_RULES: readonly ActivityRuleId[] = ['views.many', 'reveals.many', 'exports.many', 'export.big', 'deletes.many', 'after.hours', 'bulk.read'];

/**
 * How a rule measures its window: distinct customers (views, bulk reads), a sum (reveals,
 * exports, deleted customers), the largest single event (one export's rows), or any event at all
 * (activity after hours).
 */
export const MEASURE: Record<ActivityRuleId, 'distinct' | 'sum' | 'single' | 'any'> = {
  'views.many': 'distinct',
  'bulk.read': 'distinct',
  'reveals.many': 'sum',
  'exports.many': 'sum',
  'deletes.many': 'sum',
  'export.big': 'single',
  'after.hours': 'any',
};

/** Audit actions that read customers: what a list, search, record or lookup returned. */
const READS = new Set(['customer.read', 'customer.list', 'customer.search', 'customer.lookup']);
/** Everything that counts as customer activity for the business-hours rule. */
const ACTIVITY = new Set([...READS, 'customer.reveal', 'customer.export', 'customer.import', 'customer.delete']);
/** Every action any rule looks at: the audit rows replayed after a restart. */
export const MONITORED_ACTIONS: readonly string[] = [...ACTIVITY];

/** An audit entry as written, or a stored row read back after a restart. */
export interface EventSource {
  action: string;
  outcome: string;
  customerIds?: readonly number[] | undefined;
  recordId?: string | null | undefined;
  entity?: string | null | undefined;
  reason?: string | null | undefined;
}

export interface RuleEvent {
  rule: ActivityRuleId;
  ids: readonly number[];
  weight: number;
}

function idsOf(entry: EventSource): readonly number[] {
  if (entry.customerIds) return entry.customerIds;
  if (entry.entity === 'customer' && entry.recordId && /^[1-9][0-9]*$/.test(entry.recordId)) return [Number(entry.recordId)];
  return [];
}

/** rows=1234 at the start of an export's reason (customer-export.ts auditEntry). */
function exportRows(reason: string | null | undefined): number {
  const match = /^rows=(\d+)/.exec(reason ?? '');
  return match ? Number(match[1]) : 0;
}

/**
 * What one audit row means to each rule. Only a user's successful actions count: a refused
 * call showed nothing. after.hours is decided by the caller (it needs the clock and the hours).
 */
export function eventsOf(entry: EventSource): RuleEvent[] {
  if (entry.outcome !== 'ok' || !ACTIVITY.has(entry.action)) return [];
  const ids = idsOf(entry);
  const events: RuleEvent[] = [{ rule: 'after.hours', ids, weight: 1 }];
  if (READS.has(entry.action)) {
    events.push({ rule: 'views.many', ids, weight: ids.length }, { rule: 'bulk.read', ids, weight: ids.length });
  }
  // A lookup names the person behind a masked number: it counts as a reveal, as the old limiter did.
  if (entry.action === 'customer.reveal' || entry.action === 'customer.lookup') events.push({ rule: 'reveals.many', ids, weight: 1 });
  if (entry.action === 'customer.export') {
    events.push({ rule: 'exports.many', ids: [], weight: 1 }, { rule: 'export.big', ids: [], weight: exportRows(entry.reason) });
  }
  if (entry.action === 'customer.delete') events.push({ rule: 'deletes.many', ids, weight: Math.max(ids.length, 1) });
  return events;
}
