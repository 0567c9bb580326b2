import type { Core } from '../../core';
import { listUsersAudited } from '../../core/audit/audit-reads';
import { requireSession, type Handler } from '../router';

/** Handing customers to another owner, and the stale-account report. */
export function ownershipHandlers(core: Pick<Core, 'ownership' | 'staleAccounts' | 'vault'>): {
  'customers.setOwner': Handler<'customers.setOwner'>;
  'customers.assignableOwners': Handler<'customers.assignableOwners'>;
  'users.stale': Handler<'users.stale'>;
  'settings.setStaleDays': Handler<'settings.setStaleDays'>;
} {
  return {
    'customers.setOwner': ({ toUsername, ...selection }, { session }) => core.ownership.setOwner(requireSession(session), selection, toUsername),
    // A list of accounts, even names and roles only, is a read of the user list: audited like users.list.
    'customers.assignableOwners': (_input, { session }) => listUsersAudited(core.vault.db(), requireSession(session), () => core.ownership.assignableOwners(), new Date()),
    'users.stale': (_input, { session }) => core.staleAccounts.report(requireSession(session)),
    'settings.setStaleDays': ({ days }, { session }) => core.staleAccounts.setDays(requireSession(session), days),
  };
}
