import { create } from 'zustand';
import type { CustomerFilters, CustomerSort } from '../../../shared/customers';
import { invalidate, useChannelMutation, useChannelQuery, type Invalidation } from '../query';

interface CustomersState {
  query: string;
  filters: CustomerFilters;
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  /** The recycle bin is shown instead of the list. Whether it is open is UI state; its rows are server data (useRecycleBin). */
  binOpen: boolean;
  /** Refetches the list, its counts and its filter values (after a change made elsewhere). */
  load(): Promise<void>;
  setQuery(query: string): Promise<void>;
  setFilters(filters: CustomerFilters): Promise<void>;
  setSort(sort: CustomerSort, dir: 'asc' | 'desc'): Promise<void>;
  loadTags(): Promise<void>;
  openBin(): void;
  closeBin(): void;
}

/** The list's reads: pages, the search, the filter menus. Invalidated together after any change. */
export const LIST_READS = ['customers.list', 'customers.search', 'customers.filterValues', 'customers.tags'] as const;

/**
 * What the person chose on the customers list (search text, filters, sort, the bin open or not):
 * UI state only. The rows, the bin and the owners are server data in the TanStack Query cache
 * (keyed by channel and input), so a slow answer for an older filter never overwrites a newer
 * one; load() is the invalidation that other screens (import, merge, the record) call after
 * they change customers.
 */
export const useCustomersStore = create<CustomersState>()((set) => ({
  query: '',
  filters: {},
  sort: 'name',
  dir: 'asc',
  binOpen: false,
  load: () => invalidate(LIST_READS),
  async setQuery(query) {
    set({ query });
  },
  async setFilters(filters) {
    set({ filters });
  },
  async setSort(sort, dir) {
    set({ sort, dir });
  },
  loadTags: () => invalidate(['customers.filterValues', 'customers.tags']),
  openBin: () => set({ binOpen: true }),
  closeBin: () => set({ binOpen: false }),
}));

/** How many deleted customers the bin lists (newest first); main caps it too. */
const BIN_LIMIT = 200;

/**
 * The recycle bin's rows. Refetched each time the bin opens: a record or a bulk delete may have
 * filled it since, and those screens need not know the bin exists.
 */
export function useRecycleBin() {
  return useChannelQuery('customers.deleted', { limit: BIN_LIMIT }, { refetchOnMount: 'always' });
}

/** A restored customer is back in the list, its counts, filter values and the dashboard's figures. */
const RESTORE_CHANGES: readonly Invalidation[] = ['customers.deleted', ...LIST_READS, 'dashboard.'];

export function useRestoreCustomer() {
  return useChannelMutation('customers.restore', RESTORE_CHANGES);
}
