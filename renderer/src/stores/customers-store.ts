import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import type { CustomerFilters, CustomerSort, CustomerView } from '../../../shared/customers';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';

const PAGE = 100;

interface CustomersState {
  query: string;
  filters: CustomerFilters;
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  items: CustomerView[];
  next: { value: string; id: number } | null;
  /** How many match (from the first page); null while searching, which is ranked, not counted. */
  total: number | null;
  loading: boolean;
  error: ErrorBody | null;
  tags: ChannelOutput<'customers.tags'>;
  /** The recycle bin, shown instead of the list while open. */
  bin: ChannelOutput<'customers.deleted'> | null;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setQuery(query: string): Promise<void>;
  setFilters(filters: CustomerFilters): Promise<void>;
  setSort(sort: CustomerSort, dir: 'asc' | 'desc'): Promise<void>;
  loadTags(): Promise<void>;
  tagMany(ids: number[], add: string[], remove: string[]): Promise<ErrorBody | null>;
  openBin(): Promise<void>;
  closeBin(): void;
  restore(id: number): Promise<ErrorBody | null>;
}

/**
 * The customers table. Main pages, sorts, filters, scopes and masks; the store keeps the rows
 * loaded so far (keyset pages of 100, fetched as the table scrolls) and what the person chose.
 */
export const useCustomersStore = create<CustomersState>()((set, get) => ({
  query: '',
  filters: {},
  sort: 'name',
  dir: 'asc',
  items: [],
  next: null,
  total: null,
  loading: false,
  error: null,
  tags: [],
  bin: null,
  async load() {
    const { query, filters, sort, dir } = get();
    set({ loading: true, error: null });
    if (query.trim()) {
      const result = await call('customers.search', { query: query.trim(), filters, limit: 200 });
      if (!result.ok) return set({ loading: false, error: result.error, items: [], next: null, total: null });
      return set({ loading: false, items: result.value, next: null, total: null });
    }
    const result = await call('customers.list', { filters, sort, dir, limit: PAGE });
    if (!result.ok) return set({ loading: false, error: result.error, items: [], next: null, total: null });
    set({ loading: false, items: result.value.items, next: result.value.next, total: result.value.total });
  },
  async loadMore() {
    const { next, items, loading, filters, sort, dir } = get();
    if (!next || loading) return;
    set({ loading: true });
    const result = await call('customers.list', { filters, sort, dir, limit: PAGE, after: next });
    if (!result.ok) return set({ loading: false, error: result.error });
    set({ loading: false, items: [...items, ...result.value.items], next: result.value.next });
  },
  async setQuery(query) {
    set({ query });
    await get().load();
  },
  async setFilters(filters) {
    set({ filters });
    await get().load();
  },
  async setSort(sort, dir) {
    set({ sort, dir });
    await get().load();
  },
  async loadTags() {
    const result = await call('customers.tags', {});
    if (result.ok) set({ tags: result.value });
  },
  async tagMany(ids, add, remove) {
    const result = await call('customers.tag', { ids, add, remove });
    if (!result.ok) return result.error;
    await Promise.all([get().load(), get().loadTags()]);
    return null;
  },
  async openBin() {
    const result = await call('customers.deleted', { limit: 200 });
    if (!result.ok) return set({ error: result.error });
    set({ bin: result.value, error: null });
  },
  closeBin: () => set({ bin: null }),
  async restore(id) {
    const result = await call('customers.restore', { id });
    if (!result.ok) return result.error;
    await Promise.all([get().openBin(), get().load()]);
    return null;
  },
}));
