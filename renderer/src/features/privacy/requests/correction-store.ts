import { create } from 'zustand';

/**
 * "Open the record" from a correction request: while set, saving that customer's form sends the
 * request's id (customers.update requestId), and main links the change to the request.
 */
interface CorrectionState {
  correction: { requestId: number; customerId: number } | null;
  start(requestId: number, customerId: number): void;
  stop(): void;
}

export const useCorrectionStore = create<CorrectionState>((set) => ({
  correction: null,
  start: (requestId, customerId) => set({ correction: { requestId, customerId } }),
  stop: () => set({ correction: null }),
}));
