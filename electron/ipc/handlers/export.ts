import type { CustomerExport } from '../../core/export/customer-export';
import { requireSession, type Handler } from '../router';

export function exportHandlers(customerExport: CustomerExport): { 'customers.export': Handler<'customers.export'> } {
  return {
    'customers.export': (input, { session }) => customerExport.export(requireSession(session), input),
  };
}
