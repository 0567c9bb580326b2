import { useCallback } from 'react';
import type { ChannelInput } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import { errorBody, useChannelMutation, useChannelQuery, type Invalidation } from '../query';
import { LIST_READS } from './customers-store';

/**
 * Handing customers to another owner, and the stale-account report on the Users page. All of it
 * is server data (TanStack Query, keyed by channel): no zustand state here, only the hooks and
 * what each change makes stale.
 */

type SetOwnerInput = ChannelInput<'customers.setOwner'>;
/** Who to hand over: the ticked ids, or every customer a filter matches with the count the person saw. */
export type OwnerSelection = Omit<Extract<SetOwnerInput, { ids: unknown }>, 'toUsername'> | Omit<Extract<SetOwnerInput, { filters: unknown }>, 'toUsername'>;

/**
 * A new owner shows in the list (and its owner filter), on the open record's header, in the
 * dashboard's Mine figures and in the stale report's "customers owned".
 */
const OWNER_CHANGES: readonly Invalidation[] = [...LIST_READS, 'customers.record', 'dashboard.', 'users.stale'];

/** A rejected mutation as the ErrorBody the forms show (errorBody gives null only for "no error"). */
function refusal(problem: unknown): ErrorBody {
  return errorBody(problem ?? new Error('unknown')) as ErrorBody;
}

/**
 * Active accounts that may hold customers (names and role only). Asked again whenever a picker
 * appears: accounts are created and disabled on the Users page, which need not know this list.
 */
export function useAssignableOwners() {
  return useChannelQuery('customers.assignableOwners', {}, { refetchOnMount: 'always' });
}

export function useSetOwner() {
  const mutation = useChannelMutation('customers.setOwner', OWNER_CHANGES);
  const { mutateAsync } = mutation;
  const setOwner = useCallback(
    async (selection: OwnerSelection, toUsername: string): Promise<{ changed: number } | { error: ErrorBody }> => {
      try {
        const result = await mutateAsync({ ...selection, toUsername } as SetOwnerInput);
        return { changed: result.changed };
      } catch (problem) {
        return { error: refusal(problem) };
      }
    },
    [mutateAsync],
  );
  return { setOwner, busy: mutation.isPending };
}

/** A disabled account leaves the users list, the stale report and the owners one may hand customers to. */
const STATUS_CHANGES: readonly Invalidation[] = ['users.', 'customers.assignableOwners'];

/**
 * The stale-account report for the Users page: accounts nobody has used for the owner's N days,
 * the N itself, and disabling one through users.setStatus (the Users page's own channel, so its
 * rules, two owners included, apply here too).
 */
export function useStaleAccounts() {
  // Staleness is a matter of time and of sign-ins elsewhere, not of changes made here: asked again each time the page opens.
  const report = useChannelQuery('users.stale', {}, { refetchOnMount: 'always' });
  const { mutateAsync: saveDays } = useChannelMutation('settings.setStaleDays', ['users.stale']);
  const { mutateAsync: setStatus } = useChannelMutation('users.setStatus', STATUS_CHANGES);

  const setStaleDays = useCallback(
    async (days: number): Promise<ErrorBody | null> => {
      try {
        await saveDays({ days });
        return null;
      } catch (problem) {
        return errorBody(problem);
      }
    },
    [saveDays],
  );
  const disable = useCallback(
    async (username: string, ownerPassword?: string): Promise<{ pending: boolean } | { error: ErrorBody }> => {
      try {
        await setStatus(ownerPassword === undefined ? { username, status: 'disabled' } : { username, status: 'disabled', ownerPassword });
        // Where approval is needed the call answers APPROVAL_REQUIRED (an error), never a pending flag.
        return { pending: false };
      } catch (problem) {
        return { error: refusal(problem) };
      }
    },
    [setStatus],
  );
  return { stale: report.data ?? null, error: errorBody(report.error), setStaleDays, disable };
}
