import { create } from 'zustand';
import type { MergeField, MergePreview } from '../../../shared/channels/merge';
import type { CustomerView } from '../../../shared/customers';
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

/**
 * The merge screen's choices. The preview (customers.mergePreview) and the recent merges
 * (customers.merges) are queries, the merge and its undo mutations, in the screens themselves.
 */
interface MergeState {
  screen: MergeScreen;
  ids: number[];
  /** null until the person chooses: the screen then keeps the one main suggests. */
  survivorId: number | null;
  /** Field -> the customer whose value the survivor takes, for each field the person may choose; null: the defaults. */
  picks: Partial<Record<MergeField, number>> | null;
  done: MergeDone | null;
  /** Set after an undo from the notice or the list, for its own notice. */
  undone: boolean;
  /** Opens the merge screen for these 2-3 customers (the customers table and the data-quality list call this). */
  open(ids: number[]): Promise<void>;
  openRecent(): Promise<void>;
  close(): void;
  setSurvivor(id: number): void;
  pick(preview: MergePreview, field: MergeField, customerId: number): void;
  merged(done: MergeDone): void;
  undid(mergeId: string): void;
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

/** The survivor and picks in effect: the person's, else the defaults for main's suggestion. */
export function mergeChoices(preview: MergePreview, survivorId: number | null, picks: Partial<Record<MergeField, number>> | null) {
  const survivor = survivorId ?? preview.suggestedSurvivorId;
  return { survivorId: survivor, picks: picks ?? defaultPicks(preview, survivor) };
}

/** Merging two or three customers: which, the person's choices, and the last merge for its Undo. */
export const useMergeStore = create<MergeState>()((set) => ({
  screen: 'closed',
  ids: [],
  survivorId: null,
  picks: null,
  done: null,
  undone: false,
  async open(ids) {
    // The screen lives on the customers page, whichever page asked (the data-quality list does).
    useNavStore.getState().go('customers');
    set({ screen: 'compare', ids, survivorId: null, picks: null, done: null, undone: false });
  },
  async openRecent() {
    set({ screen: 'recent', ids: [], undone: false });
  },
  close: () => set({ screen: 'closed', ids: [], survivorId: null, picks: null }),
  // Another survivor: the defaults follow it (its values win, its blanks are filled).
  setSurvivor: (id) => set({ survivorId: id, picks: null }),
  pick: (preview, field, customerId) =>
    set((state) => {
      const current = mergeChoices(preview, state.survivorId, state.picks);
      return { survivorId: current.survivorId, picks: { ...current.picks, [field]: customerId } };
    }),
  merged: (done) => set({ screen: 'closed', ids: [], survivorId: null, picks: null, done, undone: false }),
  undid: (mergeId) => set((state) => ({ done: state.done?.mergeId === mergeId ? null : state.done, undone: true })),
}));
