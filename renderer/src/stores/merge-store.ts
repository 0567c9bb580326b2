import { create } from 'zustand';
import type { MergeField, MergePreview, MergeRecord } from '../../../shared/channels/merge';
import type { CustomerView } from '../../../shared/customers';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';
import { useCustomerDetailStore } from './customer-detail-store';
import { useCustomersStore } from './customers-store';
import { useNavStore } from './nav-store';

export type MergeScreen = 'closed' | 'compare' | 'recent';

/** The last merge done from this screen, for the "Undo" in its notice. */
export interface MergeDone {
  mergeId: string;
  survivorName: string;
  count: number;
  undoUntil: string;
  notes: number;
}

interface MergeState {
  screen: MergeScreen;
  ids: number[];
  preview: MergePreview | null;
  survivorId: number | null;
  /** Field -> the customer whose value the survivor takes, for each field the person may choose. */
  picks: Partial<Record<MergeField, number>>;
  loading: boolean;
  error: ErrorBody | null;
  done: MergeDone | null;
  /** Set after an undo from the notice or the list, for its own notice. */
  undone: boolean;
  recent: MergeRecord[] | null;
  /** Opens the merge screen for these 2-3 customers (the customers table and the data-quality list call this). */
  open(ids: number[]): Promise<void>;
  openRecent(): Promise<void>;
  close(): void;
  setSurvivor(id: number): void;
  pick(field: MergeField, customerId: number): void;
  merge(): Promise<ErrorBody | null>;
  undo(mergeId: string): Promise<ErrorBody | null>;
  loadRecent(): Promise<void>;
}

const empty = (v: unknown) => v === undefined || v === null || v === '';

/**
 * The defaults the screen opens with: the survivor's value wins, a blank is filled from the
 * first other customer that has one. Only fields this role may choose are picked; main keeps the
 * others as the survivor has them.
 */
export function defaultPicks(preview: MergePreview, survivorId: number): Partial<Record<MergeField, number>> {
  const survivor = preview.customers.find((c) => c.id === survivorId);
  const others = preview.customers.filter((c) => c.id !== survivorId);
  const picks: Partial<Record<MergeField, number>> = {};
  for (const { field, differs, choosable } of preview.fields) {
    if (!differs || !choosable || !survivor) continue;
    const value = (c: CustomerView) => c[field as keyof CustomerView];
    picks[field] = empty(value(survivor)) ? (others.find((c) => !empty(value(c)))?.id ?? survivorId) : survivorId;
  }
  return picks;
}

async function refreshCustomers(): Promise<void> {
  const detail = useCustomerDetailStore.getState();
  if (detail.selected) detail.close();
  await Promise.all([useCustomersStore.getState().load(), useCustomersStore.getState().loadTags()]);
}

/** Merging two or three customers: the preview main masked, the person's choices, and undo. */
export const useMergeStore = create<MergeState>()((set, get) => ({
  screen: 'closed',
  ids: [],
  preview: null,
  survivorId: null,
  picks: {},
  loading: false,
  error: null,
  done: null,
  undone: false,
  recent: null,
  async open(ids) {
    // The screen lives on the customers page, whichever page asked (the data-quality list does).
    useNavStore.getState().go('customers');
    set({ screen: 'compare', ids, preview: null, survivorId: null, picks: {}, loading: true, error: null, done: null, undone: false });
    const result = await call('customers.mergePreview', { ids });
    // Another open() or a close() meanwhile wins.
    if (get().ids !== ids || get().screen !== 'compare') return;
    if (!result.ok) return set({ loading: false, error: result.error });
    const survivorId = result.value.suggestedSurvivorId;
    set({ loading: false, preview: result.value, survivorId, picks: defaultPicks(result.value, survivorId) });
  },
  async openRecent() {
    set({ screen: 'recent', ids: [], preview: null, error: null, undone: false });
    await get().loadRecent();
  },
  close: () => set({ screen: 'closed', ids: [], preview: null, survivorId: null, picks: {}, error: null }),
  setSurvivor(id) {
    const { preview } = get();
    if (preview) set({ survivorId: id, picks: defaultPicks(preview, id) });
  },
  pick: (field, customerId) => set((state) => ({ picks: { ...state.picks, [field]: customerId } })),
  async merge() {
    const { preview, survivorId, picks, ids } = get();
    if (!preview || survivorId === null) return null;
    set({ loading: true });
    const result = await call('customers.merge', { survivorId, ids, fields: picks });
    if (!result.ok) {
      set({ loading: false });
      return result.error;
    }
    set({
      loading: false,
      screen: 'closed',
      preview: null,
      done: { mergeId: result.value.mergeId, survivorName: result.value.survivor.name, count: ids.length, undoUntil: result.value.undoUntil, notes: result.value.notes },
      undone: false,
    });
    await refreshCustomers();
    return null;
  },
  async undo(mergeId) {
    const result = await call('customers.mergeUndo', { mergeId });
    if (!result.ok) return result.error;
    set((state) => ({ done: state.done?.mergeId === mergeId ? null : state.done, undone: true }));
    await Promise.all([refreshCustomers(), get().recent ? get().loadRecent() : Promise.resolve()]);
    return null;
  },
  async loadRecent() {
    const result = await call('customers.merges', {});
    set(result.ok ? { recent: result.value } : { error: result.error });
  },
}));
