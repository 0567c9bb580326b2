import type { CustomerService } from '../../core/customers/customer-service';
import type { RecycleBinService } from '../../core/customers/recycle-bin-service';
import type { TimelineService } from '../../core/customers/timeline-service';
import { requireSession, type Handler } from '../router';

export function customerHandlers(
  customers: CustomerService,
  timeline: TimelineService,
  recycleBin: RecycleBinService,
): {
  'customers.tag': Handler<'customers.tag'>;
  'customers.tags': Handler<'customers.tags'>;
  'customers.deleted': Handler<'customers.deleted'>;
  'customers.restore': Handler<'customers.restore'>;
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
    'customers.search': ({ query, filters, limit }, { session }) => customers.search(requireSession(session), query, filters, limit),
    'customers.tag': ({ ids, add, remove }, { session }) => ({ changed: customers.tag(requireSession(session), ids, add, remove) }),
    'customers.tags': (_input, { session }) => customers.tags(requireSession(session)),
    'customers.deleted': ({ limit }, { session }) => recycleBin.list(requireSession(session), limit),
    'customers.restore': ({ id }, { session }) => {
      recycleBin.restore(requireSession(session), id);
      return { restored: true as const };
    },
    'customers.get': ({ id }, { session }) => customers.get(requireSession(session), id),
    'customers.create': (input, { session }) => customers.create(requireSession(session), input),
    'customers.update': ({ id, changes, requestId }, { session }) => customers.update(requireSession(session), id, changes, requestId),
    'customers.delete': ({ id }, { session }) => {
      customers.remove(requireSession(session), id);
      return { deleted: true as const };
    },
    'customers.reveal': ({ id, field, reason }, { session }) => ({ value: customers.reveal(requireSession(session), id, field, reason) }),
  };
}
