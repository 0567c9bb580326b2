import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';

/** Export "this view with these columns"; main asks where to save and writes the file. */
export async function exportCustomers(input: ChannelInput<'customers.export'>): Promise<ChannelOutput<'customers.export'> | { status: 'error'; error: ErrorBody }> {
  const result = await call('customers.export', input);
  return result.ok ? result.value : { status: 'error', error: result.error };
}
