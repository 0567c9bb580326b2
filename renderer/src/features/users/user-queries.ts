import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import { errorBody, useChannelMutation, useChannelQuery, type Invalidation } from '../../query';

export type UserRow = ChannelOutput<'users.list'>[number];
export type UserChange = 'users.create' | 'users.setRole' | 'users.setStatus' | 'users.resetPassword';

// A change can also run an approved request (approvals) or end a stale account's listing.
const AFTER_USER_CHANGE: readonly Invalidation[] = ['users.', 'approvals.'];

export function useUsers() {
  const list = useChannelQuery('users.list', {});
  return { users: list.data ?? [], error: errorBody(list.error) };
}

/**
 * The four user changes as mutations that re-read users.* and approvals.* on success. `send`
 * throws a refusal as ChannelError, so the approval gate (features/approvals) can catch
 * APPROVAL_REQUIRED and the page shows the rest.
 */
export function useUserChanges() {
  const mutations = {
    'users.create': useChannelMutation('users.create', AFTER_USER_CHANGE),
    'users.setRole': useChannelMutation('users.setRole', AFTER_USER_CHANGE),
    'users.setStatus': useChannelMutation('users.setStatus', AFTER_USER_CHANGE),
    'users.resetPassword': useChannelMutation('users.resetPassword', AFTER_USER_CHANGE),
  };
  const busy = Object.values(mutations).some((m) => m.isPending);
  function send<C extends UserChange>(channel: C, input: ChannelInput<C>): Promise<unknown> {
    const mutation = mutations[channel] as unknown as { mutateAsync(input: ChannelInput<C>): Promise<unknown> };
    return mutation.mutateAsync(input);
  }
  return { busy, send };
}
