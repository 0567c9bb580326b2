import { useChannelMutation } from '../query';

/**
 * Export "this view with these columns": main asks where to save, writes the file and audits it.
 * Nothing is stored about the job in the renderer (the answer is shown once); the audit log's
 * reads are the only ones the export makes stale.
 */
export function useExportCustomers() {
  return useChannelMutation('customers.export', ['audit.']);
}
