import type { ApprovalService } from '../../core/approvals/approval-service';
import type { CustomerListService } from '../../core/customers/list-service';
import { requireSession, type Handler } from '../router';

/** The customers list's filter values and its bulk actions on everything a filter matches. */
export function listHandlers(list: CustomerListService, approvals: ApprovalService): {
  'customers.filterValues': Handler<'customers.filterValues'>;
  'customers.tagMatching': Handler<'customers.tagMatching'>;
  'customers.deleteMatching': Handler<'customers.deleteMatching'>;
} {
  return {
    'customers.filterValues': (_input, { session }) => list.filterValues(requireSession(session)),
    'customers.tagMatching': ({ filters, expectCount, add, remove }, { session }) => list.tagMatching(requireSession(session), filters, expectCount, add, remove),
    'customers.deleteMatching': (input, { session }) => {
      const s = requireSession(session);
      return list.deleteMatching(s, input.filters, input.expectCount, approvals.gate(s, 'customers.deleteMatching', input));
    },
  };
}
