import { create } from 'zustand';
import type { SensitiveCustomerField } from '../../../shared/customers';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';
import { invalidate } from '../query';
import { useNavStore } from './nav-store';

/** What a record page shows of the open customer: only its id (the customer is in the query cache). */
export interface OpenRecord {
  id: number;
}

interface CustomerDetailState {
  /**
   * Which customer's record is on screen (set by the record page while it is mounted), or null.
   * The customer itself, its timeline and reminders are server data in the query cache.
   */
  selected: OpenRecord | null;
  /**
   * Revealed values live only here, only while that record is open: never in the query cache
   * (which outlives the page), never in a list. Cleared on leaving the record, on opening another,
   * after an edit, and at sign-out or lock (session-data.ts resets this store).
   */
  revealed: Partial<Record<SensitiveCustomerField, string>>;
  /** The form is open: 'new' for a new customer, 'edit' for the open record. */
  editing: 'new' | 'edit' | null;
  /** Opens the record page of this customer (a new history entry); each opening is a fresh audited read. */
  open(id: number): Promise<void>;
  /** The record page of this customer mounted (also after Back or Forward, which do not call open). */
  enter(id: number): void;
  /** The record page of this customer went away: what was revealed on it goes too. */
  leave(id: number): void;
  close(): void;
  startNew(): Promise<void>;
  startEdit(): Promise<void>;
  stopEditing(): void;
  /** After the open customer was changed: the form closes and revealed values (maybe replaced) are dropped. */
  saved(): void;
  reveal(field: SensitiveCustomerField, reason: string): Promise<ErrorBody | null>;
}

/** The record page's state: which record, the form, and revealed values; nothing main sent as data. */
export const useCustomerDetailStore = create<CustomerDetailState>()((set, get) => ({
  selected: null,
  revealed: {},
  editing: null,
  async open(id) {
    // Another customer's revealed values must not show under this one's header.
    if (get().selected?.id !== id) set({ revealed: {} });
    set({ editing: null });
    useNavStore.getState().openCustomer(id);
    // Opening again (or after an owner change) reads the record afresh: a view is an audited read.
    await invalidate(['customers.record', 'customers.timeline']);
  },
  enter(id) {
    if (get().selected?.id !== id) set({ selected: { id }, revealed: {}, editing: null });
  },
  leave(id) {
    // A new-customer form opened meanwhile (Ctrl+N from the record) stays open; an edit of this one does not.
    if (get().selected?.id === id) set({ selected: null, revealed: {}, editing: get().editing === 'edit' ? null : get().editing });
  },
  close: () => set({ selected: null, revealed: {}, editing: null }),
  async startNew() {
    set({ editing: 'new', revealed: {} });
  },
  async startEdit() {
    set({ editing: 'edit' });
  },
  stopEditing: () => set({ editing: null }),
  saved: () => set({ editing: null, revealed: {} }),
  async reveal(field, reason) {
    const selected = get().selected;
    if (!selected) return null;
    // Called directly, not as a query or mutation: TanStack would keep the value in its caches.
    const result = await call('customers.reveal', { id: selected.id, field, reason });
    if (!result.ok) return result.error;
    // The person may have left the record while main answered: the value is not kept for another.
    if (get().selected?.id === selected.id) set({ revealed: { ...get().revealed, [field]: result.value.value } });
    return null;
  },
}));
