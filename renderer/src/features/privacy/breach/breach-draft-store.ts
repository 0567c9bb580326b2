import { create } from 'zustand';
import type { BreachSource } from '../../../../../shared/breach';

/**
 * "Record as a breach" from a security alert: the breach page opens its new-record dialog filled
 * from the alert (what fired, whose account, since when). Nothing is saved until the owner saves.
 */
export interface BreachDraft {
  summary: string;
  occurredAt: string;
  source: BreachSource;
  username: string;
}

interface BreachDraftState {
  draft: BreachDraft | null;
  start(draft: BreachDraft): void;
  stop(): void;
}

export const useBreachDraftStore = create<BreachDraftState>((set) => ({
  draft: null,
  start: (draft) => set({ draft }),
  stop: () => set({ draft: null }),
}));
