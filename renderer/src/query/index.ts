import { QueryClient, useMutation, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';

/**
 * Server data in the renderer: one cache keyed by [channel, input]. Keys follow the contract, so a
 * slow answer for an older input lands under its own key and never overwrites a newer one, and a
 * mutation invalidates by channel name or feature prefix ('customers.') instead of polling.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    // Every read is an audited call in main: no retry storms, no refetch because a window was focused.
    queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

/** A failed call as an Error the query layer can carry; `body` is what main said (code, message, fields). */
export class ChannelError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.code);
    this.name = 'ChannelError';
  }
}

export function channelKey<C extends ChannelName>(channel: C, input?: ChannelInput<C>): readonly unknown[] {
  return input === undefined ? [channel] : [channel, input];
}

/** Calls a channel and unwraps its envelope, throwing ChannelError on a refusal. */
export async function fetchChannel<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await call(channel, input);
  if (!result.ok) throw new ChannelError(result.error);
  return result.value;
}

/** The ErrorBody of a query or mutation error, or null. */
export function errorBody(error: unknown): ErrorBody | null {
  if (error instanceof ChannelError) return error.body;
  if (error) return { code: 'INTERNAL', message: 'The request to Coffer failed.' };
  return null;
}

type QueryOptions<C extends ChannelName> = Omit<UseQueryOptions<ChannelOutput<C>, Error>, 'queryKey' | 'queryFn'>;

/** Reads a channel: `const q = useChannelQuery('dashboard.summary', {})`; q.data, q.isPending, errorBody(q.error). */
export function useChannelQuery<C extends ChannelName>(channel: C, input: ChannelInput<C>, options: QueryOptions<C> = {}) {
  return useQuery<ChannelOutput<C>, Error>({ queryKey: channelKey(channel, input), queryFn: () => fetchChannel(channel, input), ...options });
}

/** A channel name ('reminders.list') or a feature prefix ending in a dot ('customers.'). */
export type Invalidation = ChannelName | `${string}.`;

/** Marks cached answers stale (and refetches the ones on screen) after a change. */
export function invalidate(targets: readonly Invalidation[]): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => {
      const channel = String(query.queryKey[0]);
      return targets.some((target) => (target.endsWith('.') ? channel.startsWith(target) : channel === target));
    },
  });
}

/** Changes through a channel, then invalidates what the change makes stale. */
export function useChannelMutation<C extends ChannelName>(channel: C, invalidates: readonly Invalidation[]) {
  return useMutation<ChannelOutput<C>, Error, ChannelInput<C>>({
    mutationFn: (input) => fetchChannel(channel, input),
    onSuccess: () => invalidate(invalidates),
  });
}

/** Session end (sign-out, lock, restore): nothing one person loaded may be shown to the next. */
export function forgetQueries(): void {
  queryClient.cancelQueries().catch(() => undefined);
  queryClient.clear();
}
