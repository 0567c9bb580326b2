import type { ApprovalService } from '../../core/approvals/approval-service';
import type { CustomerExport } from '../../core/export/customer-export';
import { requireSession, type Handler } from '../router';

export function exportHandlers(customerExport: CustomerExport, approvals: ApprovalService): { 'customers.export': Handler<'customers.export'> } {
  return {
    // Every customer, many rows, or a manager's export: the approval gate first (core/approvals).
    'customers.export': (input, { session }) => {
      const s = requireSession(session);
      return customerExport.export(s, input, approvals.gate(s, 'customers.export', input));
    },
  };
}
