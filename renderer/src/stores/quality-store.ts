import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';

export const QUALITY_PAGE = 20;

export type QualitySection = 'duplicates' | 'missing' | 'stale';

interface Loaded<T> {
  value: T | null;
  offset: number;
  loading: boolean;
  error: ErrorBody | null;
}

const idle = <T>(): Loaded<T> => ({ value: null, offset: 0, loading: false, error: null });

interface QualityState {
  duplicates: Loaded<ChannelOutput<'customers.qualityDuplicates'>>;
  missing: Loaded<ChannelOutput<'customers.qualityMissing'>>;
  stale: Loaded<ChannelOutput<'customers.qualityStale'>>;
  /** Set once "Mark review done" succeeded in this visit, for the confirmation line. */
  reviewed: ChannelOutput<'customers.qualityReviewed'> | null;
  reviewError: ErrorBody | null;
  load(section: QualitySection, offset?: number): Promise<void>;
  markReviewed(): Promise<void>;
}

const CHANNELS = { duplicates: 'customers.qualityDuplicates', missing: 'customers.qualityMissing', stale: 'customers.qualityStale' } as const;

/**
 * The data-quality page: three paged lists main builds inside the caller's scope (names, company,
 * city, owner and dates only), and the quarterly review mark. Reset with the other customer
 * stores when the session ends (session-data.ts).
 */
export const useQualityStore = create<QualityState>()((set, get) => ({
  duplicates: idle(),
  missing: idle(),
  stale: idle(),
  reviewed: null,
  reviewError: null,
  async load(section, offset = get()[section].offset) {
    set({ [section]: { ...get()[section], loading: true, error: null } } as Partial<QualityState>);
    const result = await call(CHANNELS[section], { offset, limit: QUALITY_PAGE });
    set({ [section]: result.ok ? { value: result.value, offset, loading: false, error: null } : { ...get()[section], loading: false, error: result.error } } as Partial<QualityState>);
  },
  async markReviewed() {
    const result = await call('customers.qualityReviewed', {});
    set(result.ok ? { reviewed: result.value, reviewError: null } : { reviewError: result.error });
  },
}));
