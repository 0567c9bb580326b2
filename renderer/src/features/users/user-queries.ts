import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { errorBody, useChannelMutation, useChannelQuery, type Invalidation } from '../../query';

export type UserRow = ChannelOutput<'users.list'>[number];
export type UserChange = 'users.create' | 'users.setRole' | 'users.setStatus' | 'users.resetPassword';

// A change can also leave a request for the other owner (approvals) or end a stale account's listing.
const AFTER_USER_CHANGE: readonly Invalidation[] = ['users.', 'approvals.'];

export function useUsers() {
  const list = useChannelQuery('users.list', {});
  return { users: list.data ?? [], error: errorBody(list.error) };
}

/**
 * The four user changes as mutations that re-read users.* and approvals.* on success. `send`
 * answers the refusal (for the form or dialog) and whether the change waits for the other owner.
 */
export function useUserChanges() {
  const mutations = {
    'users.create': useChannelMutation('users.create', AFTER_USER_CHANGE),
    'users.setRole': useChannelMutation('users.setRole', AFTER_USER_CHANGE),
    'users.setStatus': useChannelMutation('users.setStatus', AFTER_USER_CHANGE),
    'users.resetPassword': useChannelMutation('users.resetPassword', AFTER_USER_CHANGE),
  };
  const busy = Object.values(mutations).some((m) => m.isPending);
  async function send<C extends UserChange>(channel: C, input: ChannelInput<C>): Promise<{ error: ErrorBody | null; pending: boolean }> {
    const mutation = mutations[channel] as unknown as { mutateAsync(input: ChannelInput<C>): Promise<{ pending?: boolean }> };
    try {
      const value = await mutation.mutateAsync(input);
      return { error: null, pending: value.pending === true };
    } catch (error) {
      return { error: errorBody(error), pending: false };
    }
  }
  return { busy, send };
}
