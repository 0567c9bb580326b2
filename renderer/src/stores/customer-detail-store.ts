import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { CustomerInput, CustomerView, SensitiveCustomerField } from '../../../shared/customers';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';
import { invalidate } from '../query';
import { useCustomersStore } from './customers-store';
import { useNavStore } from './nav-store';

type Changes = { [K in keyof CustomerInput]?: CustomerInput[K] | undefined };

interface CustomerDetailState {
  selected: CustomerView | null;
  /** Revealed values live only here, only while the record is open, never in a list. */
  revealed: Partial<Record<SensitiveCustomerField, string>>;
  timeline: ChannelOutput<'customers.timeline'>;
  reminders: ChannelOutput<'reminders.list'>;
  /** The form is open: 'new' for a new customer, 'edit' for the selected one. */
  editing: 'new' | 'edit' | null;
  /** The customer whose activity was last asked for: the record page loads it when Back or Forward lands there. */
  activityFor: number | null;
  /** Whether this vault takes ID numbers and bank cards (the owner's setting). */
  optionalFields: boolean;
  error: ErrorBody | null;
  /** Opens the record page of this customer (a new history entry) and loads its activity. */
  open(id: number): Promise<void>;
  /** The record page's customer, from its customers.record query, for the form and the activity forms. */
  show(customer: CustomerView): void;
  close(): void;
  startNew(): Promise<void>;
  startEdit(): Promise<void>;
  stopEditing(): void;
  save(input: CustomerInput): Promise<ErrorBody | null>;
  remove(): Promise<ErrorBody | null>;
  reveal(field: SensitiveCustomerField, reason: string): Promise<ErrorBody | null>;
  addInteraction(input: Omit<ChannelInput<'interactions.add'>, 'customerId'>): Promise<ErrorBody | null>;
  addPurchase(input: Omit<ChannelInput<'purchases.add'>, 'customerId'>): Promise<ErrorBody | null>;
  addReminder(input: Omit<ChannelInput<'reminders.add'>, 'customerId'>): Promise<ErrorBody | null>;
}

/** Only the fields that differ from the record; masked values are never sent back as "changes". */
function changesFrom(before: CustomerView, input: CustomerInput): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(input) as [keyof CustomerInput, CustomerInput[keyof CustomerInput]][]) {
    const old = before[key as keyof CustomerView];
    if (JSON.stringify(old ?? '') !== JSON.stringify(value ?? '')) (changes as Record<string, unknown>)[key] = value;
  }
  return changes;
}

export const useCustomerDetailStore = create<CustomerDetailState>()((set, get) => {
  /**
   * The customer itself and its header come from the record page's customers.record query (one
   * audited read); this loads the activity the older sections still read from here.
   */
  async function refreshRecord(id: number): Promise<void> {
    const [timeline, reminders] = await Promise.all([call('customers.timeline', { id }), call('reminders.list', { customerId: id, range: 'all' }), invalidate(['customers.record'])]);
    // A role without interactions.read or reminders.read simply gets an empty section.
    if (get().selected?.id === id || get().selected === null) set({ timeline: timeline.ok ? timeline.value : [], reminders: reminders.ok ? reminders.value : [] });
  }
  async function loadSettings(): Promise<void> {
    const settings = await call('settings.customerFields', {});
    set({ optionalFields: settings.ok && settings.value.optionalFields });
  }
  const refreshList = () => useCustomersStore.getState().load();

  return {
    selected: null,
    revealed: {},
    timeline: [],
    reminders: [],
    editing: null,
    activityFor: null,
    optionalFields: false,
    error: null,
    async open(id) {
      // Another customer's activity and revealed values must not show under this one's header.
      if (get().selected?.id !== id) set({ selected: null, timeline: [], reminders: [] });
      set({ revealed: {}, error: null, editing: null, activityFor: id });
      useNavStore.getState().openCustomer(id);
      await refreshRecord(id);
    },
    show(customer) {
      if (get().selected?.id !== customer.id) set({ revealed: {}, editing: null });
      set({ selected: customer });
    },
    close: () => set({ selected: null, revealed: {}, timeline: [], reminders: [], editing: null, error: null, activityFor: null }),
    async startNew() {
      await loadSettings();
      set({ editing: 'new', selected: null, revealed: {}, error: null });
    },
    async startEdit() {
      await loadSettings();
      set({ editing: 'edit', error: null });
    },
    stopEditing: () => set({ editing: null }),
    async save(input) {
      const { editing, selected } = get();
      const result = editing === 'edit' && selected ? await call('customers.update', { id: selected.id, changes: changesFrom(selected, input) }) : await call('customers.create', input);
      if (!result.ok) return result.error;
      set({ editing: null, revealed: {} });
      if (editing === 'edit') set({ selected: result.value });
      await Promise.all([editing === 'edit' ? refreshRecord(result.value.id) : get().open(result.value.id), refreshList()]);
      return null;
    },
    async remove() {
      const selected = get().selected;
      if (!selected) return null;
      const result = await call('customers.delete', { id: selected.id });
      if (!result.ok) return result.error;
      get().close();
      // The record is gone: back to where it was opened from (the list, the dashboard).
      if (useNavStore.getState().route.page === 'customer') useNavStore.getState().back();
      await refreshList();
      return null;
    },
    async reveal(field, reason) {
      const selected = get().selected;
      if (!selected) return null;
      const result = await call('customers.reveal', { id: selected.id, field, reason });
      if (!result.ok) return result.error;
      set({ revealed: { ...get().revealed, [field]: result.value.value } });
      return null;
    },
    async addInteraction(input) {
      const selected = get().selected;
      if (!selected) return null;
      const result = await call('interactions.add', { customerId: selected.id, ...input });
      if (!result.ok) return result.error;
      await refreshRecord(selected.id);
      return null;
    },
    async addPurchase(input) {
      const selected = get().selected;
      if (!selected) return null;
      const result = await call('purchases.add', { customerId: selected.id, ...input });
      if (!result.ok) return result.error;
      await refreshRecord(selected.id);
      return null;
    },
    async addReminder(input) {
      const selected = get().selected;
      if (!selected) return null;
      const result = await call('reminders.add', { customerId: selected.id, ...input });
      if (!result.ok) return result.error;
      await refreshRecord(selected.id);
      return null;
    },
  };
});
