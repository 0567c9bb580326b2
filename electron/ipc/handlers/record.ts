import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

export function recordHandlers(core: Pick<Core, 'record'>): { 'customers.record': Handler<'customers.record'>; 'customers.lookup': Handler<'customers.lookup'> } {
  return {
    'customers.record': ({ id }, { session }) => core.record.record(requireSession(session), id),
    'customers.lookup': ({ query }, { session }) => core.record.lookup(requireSession(session), query),
  };
}
