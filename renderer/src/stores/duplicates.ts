import type { DuplicateCheckInput, DuplicateCheckResult } from '../../../shared/duplicates';
import { channelKey, fetchChannel, queryClient } from '../query';

/**
 * Asks main whether what the form holds already exists; null when the check could not run.
 * Through the query cache, keyed by what was typed, so two checks of the same values share one
 * call and sign-out forgets the answers; staleTime 0 because each check is an audited read and a
 * customer may have been added since.
 */
export async function checkDuplicates(input: DuplicateCheckInput): Promise<DuplicateCheckResult | null> {
  try {
    return await queryClient.fetchQuery({ queryKey: channelKey('customers.checkDuplicates', input), queryFn: () => fetchChannel('customers.checkDuplicates', input), staleTime: 0 });
  } catch {
    return null;
  }
}
