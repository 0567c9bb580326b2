import type { DuplicateCheckInput, DuplicateCheckResult } from '../../../shared/duplicates';
import { call } from '../client';

/** Asks main whether what the form holds already exists; null when the check could not run. */
export async function checkDuplicates(input: DuplicateCheckInput): Promise<DuplicateCheckResult | null> {
  const result = await call('customers.checkDuplicates', input);
  return result.ok ? result.value : null;
}
