import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { CustomerView, SensitiveCustomerField } from '../../../shared/customers';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';

interface CustomersState {
  items: CustomerView[];
  next: { value: string; id: number } | null;
  loading: boolean;
  error: ErrorBody | null;
  selected: CustomerView | null;
  /** Revealed values live only here, only while the record is open, never in a list. */
  revealed: Partial<Record<SensitiveCustomerField, string>>;
  timeline: ChannelOutput<'customers.timeline'>;
  addInteraction(input: Omit<ChannelInput<'interactions.add'>, 'customerId'>): Promise<ErrorBody | null>;
  load(): Promise<void>;
  /** Empty text goes back to the paged list. */
  search(query: string): Promise<void>;
  loadMore(): Promise<void>;
  open(id: number): Promise<void>;
  close(): void;
  reveal(field: SensitiveCustomerField, reason: string): Promise<ErrorBody | null>;
}

export const useCustomersStore = create<CustomersState>()((set, get) => ({
  items: [],
  next: null,
  loading: false,
  error: null,
  selected: null,
  revealed: {},
  timeline: [],
  async addInteraction(input) {
    const selected = get().selected;
    if (!selected) return null;
    const result = await call('interactions.add', { customerId: selected.id, ...input });
    if (!result.ok) return result.error;
    const timeline = await call('customers.timeline', { id: selected.id });
    if (timeline.ok) set({ timeline: timeline.value });
    return null;
  },
  async load() {
    set({ loading: true, error: null });
    const result = await call('customers.list', { limit: 50 });
    if (!result.ok) return set({ loading: false, error: result.error, items: [] });
    set({ loading: false, items: result.value.items, next: result.value.next });
  },
  async search(query) {
    if (!query.trim()) return get().load();
    set({ loading: true, error: null });
    const result = await call('customers.search', { query: query.trim(), limit: 100 });
    if (!result.ok) return set({ loading: false, error: result.error });
    set({ loading: false, items: result.value, next: null });
  },
  async loadMore() {
    const { next, items } = get();
    if (!next) return;
    set({ loading: true });
    const result = await call('customers.list', { limit: 50, after: next });
    if (!result.ok) return set({ loading: false, error: result.error });
    set({ loading: false, items: [...items, ...result.value.items], next: result.value.next });
  },
  async open(id) {
    set({ revealed: {}, error: null });
    const result = await call('customers.get', { id });
    if (!result.ok) return set({ error: result.error, selected: null });
    // A role without interactions.read simply gets no timeline.
    const timeline = await call('customers.timeline', { id });
    set({ selected: result.value, timeline: timeline.ok ? timeline.value : [] });
  },
  close: () => set({ selected: null, revealed: {}, timeline: [] }),
  async reveal(field, reason) {
    const selected = get().selected;
    if (!selected) return null;
    const result = await call('customers.reveal', { id: selected.id, field, reason });
    if (!result.ok) return result.error;
    set({ revealed: { ...get().revealed, [field]: result.value.value } });
    return null;
  },
}));
