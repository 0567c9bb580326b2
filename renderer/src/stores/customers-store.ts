import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import type { CustomerFilters, CustomerSort } from '../../../shared/customers';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';
import { invalidate } from '../query';

interface CustomersState {
  query: string;
  filters: CustomerFilters;
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  /** The recycle bin, shown instead of the list while open. */
  bin: ChannelOutput<'customers.deleted'> | null;
  /** Why the recycle bin did not open. */
  binError: ErrorBody | null;
  /** Refetches the list, its counts and its filter values (after a change made elsewhere). */
  load(): Promise<void>;
  setQuery(query: string): Promise<void>;
  setFilters(filters: CustomerFilters): Promise<void>;
  setSort(sort: CustomerSort, dir: 'asc' | 'desc'): Promise<void>;
  loadTags(): Promise<void>;
  openBin(): Promise<void>;
  closeBin(): void;
  restore(id: number): Promise<ErrorBody | null>;
}

/** The list's reads: pages, the search, the filter menus. Invalidated together after any change. */
export const LIST_READS = ['customers.list', 'customers.search', 'customers.filterValues', 'customers.tags'] as const;

/**
 * What the person chose on the customers list (search text, filters, sort). The rows themselves
 * are server data in the TanStack Query cache (CustomersTable fetches pages by position), so a
 * slow answer for an older filter never overwrites a newer one; load() is the invalidation that
 * other screens (import, merge, the record) call after they change customers.
 */
export const useCustomersStore = create<CustomersState>()((set, get) => ({
  query: '',
  filters: {},
  sort: 'name',
  dir: 'asc',
  bin: null,
  binError: null,
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
  async openBin() {
    const result = await call('customers.deleted', { limit: 200 });
    if (!result.ok) return set({ binError: result.error });
    set({ bin: result.value, binError: null });
  },
  closeBin: () => set({ bin: null }),
  async restore(id) {
    const result = await call('customers.restore', { id });
    if (!result.ok) return result.error;
    await Promise.all([get().openBin(), get().load()]);
    return null;
  },
}));
