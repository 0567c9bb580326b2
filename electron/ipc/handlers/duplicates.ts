import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

export function duplicateHandlers(core: Pick<Core, 'duplicates'>): { 'customers.checkDuplicates': Handler<'customers.checkDuplicates'> } {
  return {
    'customers.checkDuplicates': (input, { session }) => core.duplicates.check(requireSession(session), input),
  };
}
