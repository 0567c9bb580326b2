import { create } from 'zustand';

/**
 * "Erase…" from a deletion request: the erasure page opens with the customer's lookup already run,
 * and erasing that customer sends the request's id (privacy.erase requestId), which main checks
 * and records in the request's history.
 */
interface ErasureRequestState {
  erasure: { requestId: number; customerId: number; name: string } | null;
  start(requestId: number, customerId: number, name: string): void;
  stop(): void;
}

export const useErasureRequestStore = create<ErasureRequestState>((set) => ({
  erasure: null,
  start: (requestId, customerId, name) => set({ erasure: { requestId, customerId, name } }),
  stop: () => set({ erasure: null }),
}));
