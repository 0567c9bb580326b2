import type { MergeService } from '../../core/customers/merge-service';
import { requireSession, type Handler } from '../router';

type MergeChannel = 'customers.mergePreview' | 'customers.merge' | 'customers.mergeUndo' | 'customers.merges';

export function mergeHandlers(merges: MergeService): { [C in MergeChannel]: Handler<C> } {
  return {
    'customers.mergePreview': (input, { session }) => merges.preview(requireSession(session), input.ids),
    'customers.merge': (input, { session }) => merges.merge(requireSession(session), input),
    'customers.mergeUndo': (input, { session }) => merges.undo(requireSession(session), input.mergeId),
    'customers.merges': (_input, { session }) => merges.list(requireSession(session)),
  };
}
