import type { Invalidation } from '../../query';
import { LIST_READS } from '../../stores/customers-store';

/**
 * What a change to a customer (edit, delete, merge) makes stale: every customers.* read (the
 * record, its timeline, the list and its filter values, the quality lists, recent merges), the
 * reminders (they show the customer's name) and the dashboard.
 */
export const CUSTOMER_CHANGES: readonly Invalidation[] = ['customers.', 'reminders.', 'dashboard.'];

/**
 * What a timeline or reminder change makes stale: the record's header facts and its timeline,
 * the reminders, the dashboard, the list (its last-contact column) and the quality list of
 * customers untouched for a year.
 */
export const ACTIVITY_CHANGES: readonly Invalidation[] = ['customers.record', 'customers.timeline', 'reminders.', 'dashboard.', ...LIST_READS, 'customers.qualityStale'];
