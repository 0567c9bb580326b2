import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

type QualityChannel = 'customers.qualityDuplicates' | 'customers.qualityMissing' | 'customers.qualityStale' | 'customers.qualityReviewed';

export function qualityHandlers(core: Pick<Core, 'quality'>): { [C in QualityChannel]: Handler<C> } {
  return {
    'customers.qualityDuplicates': (input, { session }) => core.quality.duplicates(requireSession(session), input),
    'customers.qualityMissing': (input, { session }) => core.quality.missingFields(requireSession(session), input),
    'customers.qualityStale': (input, { session }) => core.quality.stale(requireSession(session), input),
    'customers.qualityReviewed': (_input, { session }) => core.quality.markReviewed(requireSession(session)),
  };
}
