import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

/** Handing customers to another owner, and the stale-account report. */
export function ownershipHandlers(core: Pick<Core, 'ownership' | 'staleAccounts'>): {
  'customers.setOwner': Handler<'customers.setOwner'>;
  'customers.assignableOwners': Handler<'customers.assignableOwners'>;
  'users.stale': Handler<'users.stale'>;
  'settings.setStaleDays': Handler<'settings.setStaleDays'>;
} {
  return {
    'customers.setOwner': ({ toUsername, ...selection }, { session }) => core.ownership.setOwner(requireSession(session), selection, toUsername),
    'customers.assignableOwners': () => core.ownership.assignableOwners(),
    'users.stale': (_input, { session }) => core.staleAccounts.report(requireSession(session)),
    'settings.setStaleDays': ({ days }, { session }) => core.staleAccounts.setDays(requireSession(session), days),
  };
}
