import { grantFor } from '../../../../shared/permissions';
import type { Role } from '../../../../shared/contract';
import { useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useCrmStore } from '../../stores/crm-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';

/** Whether this role sees everyone's customers and reminders, so Mine / Everyone means something. */
export function seesEveryone(role: Role): boolean {
  return grantFor(role, 'reminders.read') === 'all';
}

/**
 * The `mine` flag the dashboard and the Reminders page send: the shared switch for roles that
 * see everyone; a salesperson's scope is their own customers either way, shown whole.
 */
export function useMine(): boolean {
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const scope = useCrmStore((state) => state.scope);
  return seesEveryone(role) ? scope === 'mine' : false;
}

/**
 * The dashboard's figures from the query cache (Home, the dashboard and data quality share one
 * entry). Shown from the cache at once and fetched again on each visit: some screens (the
 * customer list and form) still change customers outside the query layer, so no invalidation
 * reaches this entry from them. One call per visit, never a timer.
 */
export function useDashboard(enabled = true) {
  const mine = useMine();
  return useChannelQuery('dashboard.summary', { mine }, { enabled, refetchOnMount: 'always' });
}

/** Opens a customer's record page from the dashboard or a reminder (the store's open goes to the route; Back returns here). */
export function useOpenCustomer(): (id: number) => void {
  const open = useCustomerDetailStore((state) => state.open);
  return (id) => void open(id);
}
