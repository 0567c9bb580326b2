import { create } from 'zustand';

export const QUALITY_PAGE = 20;

export type QualitySection = 'duplicates' | 'missing' | 'stale';

/** The channel that pages each list (main builds it inside the caller's scope). */
export const QUALITY_CHANNELS = { duplicates: 'customers.qualityDuplicates', missing: 'customers.qualityMissing', stale: 'customers.qualityStale' } as const;

interface QualityState {
  /** Where each list is (the first row shown); the rows themselves are queries keyed by it. */
  offsets: Record<QualitySection, number>;
  setOffset(section: QualitySection, offset: number): void;
}

/**
 * The data-quality page's UI state: which page of each list is shown. The lists are queries
 * (QualityLists.tsx), the quarterly review mark a mutation. Reset with the other stores when the
 * session ends (session-data.ts).
 */
export const useQualityStore = create<QualityState>()((set) => ({
  offsets: { duplicates: 0, missing: 0, stale: 0 },
  setOffset: (section, offset) => set((state) => ({ offsets: { ...state.offsets, [section]: offset } })),
}));
