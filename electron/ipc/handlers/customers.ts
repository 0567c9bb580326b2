import type { CustomerService } from '../../core/customers/customer-service';
import type { TimelineService } from '../../core/customers/timeline-service';
import { requireSession, type Handler } from '../router';

export function customerHandlers(
  customers: CustomerService,
  timeline: TimelineService,
): {
  'customers.timeline': Handler<'customers.timeline'>;
  'interactions.add': Handler<'interactions.add'>;
  'purchases.add': Handler<'purchases.add'>;
  'customers.list': Handler<'customers.list'>;
  'customers.search': Handler<'customers.search'>;
  'customers.get': Handler<'customers.get'>;
  'customers.create': Handler<'customers.create'>;
  'customers.update': Handler<'customers.update'>;
  'customers.delete': Handler<'customers.delete'>;
  'customers.reveal': Handler<'customers.reveal'>;
} {
  return {
    'customers.timeline': ({ id, limit }, { session }) => timeline.timeline(requireSession(session), id, limit),
    'interactions.add': ({ customerId, ...input }, { session }) => ({ id: timeline.addInteraction(requireSession(session), customerId, input) }),
    'purchases.add': ({ customerId, ...input }, { session }) => ({ id: timeline.addPurchase(requireSession(session), customerId, input) }),
    'customers.list': (input, { session }) => customers.list(requireSession(session), input),
    'customers.search': ({ query, limit }, { session }) => customers.search(requireSession(session), query, limit),
    'customers.get': ({ id }, { session }) => customers.get(requireSession(session), id),
    'customers.create': (input, { session }) => customers.create(requireSession(session), input),
    'customers.update': ({ id, changes }, { session }) => customers.update(requireSession(session), id, changes),
    'customers.delete': ({ id }, { session }) => {
      customers.remove(requireSession(session), id);
      return { deleted: true as const };
    },
    'customers.reveal': ({ id, field, reason }, { session }) => ({ value: customers.reveal(requireSession(session), id, field, reason) }),
  };
}
