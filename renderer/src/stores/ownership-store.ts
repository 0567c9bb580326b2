import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';
import { invalidate } from '../query';
import { useCustomerDetailStore } from './customer-detail-store';
import { useCustomersStore } from './customers-store';

type Selection = Omit<Extract<ChannelInput<'customers.setOwner'>, { ids: unknown }>, 'toUsername'> | Omit<Extract<ChannelInput<'customers.setOwner'>, { filters: unknown }>, 'toUsername'>;

interface OwnershipState {
  assignable: ChannelOutput<'customers.assignableOwners'>;
  stale: ChannelOutput<'users.stale'> | null;
  error: ErrorBody | null;
  loadAssignable(): Promise<void>;
  setOwner(selection: Selection, toUsername: string): Promise<{ changed: number } | { error: ErrorBody }>;
  loadStale(): Promise<void>;
  setStaleDays(days: number): Promise<ErrorBody | null>;
  /** The Users page's own disable (users.setStatus), so its rules (two owners) apply here too. */
  disable(username: string, ownerPassword?: string): Promise<{ pending: boolean } | { error: ErrorBody }>;
}

/** Handing customers to another owner, and the stale-account report on the Users page. */
export const useOwnershipStore = create<OwnershipState>()((set, get) => ({
  assignable: [],
  stale: null,
  error: null,
  async loadAssignable() {
    const result = await call('customers.assignableOwners', {});
    set(result.ok ? { assignable: result.value } : { assignable: [] });
  },
  async setOwner(selection, toUsername) {
    const result = await call('customers.setOwner', { ...selection, toUsername } as ChannelInput<'customers.setOwner'>);
    if (!result.ok) return { error: result.error };
    const detail = useCustomerDetailStore.getState();
    await Promise.all([useCustomersStore.getState().load(), detail.selected ? detail.open(detail.selected.id) : Promise.resolve()]);
    return { changed: result.value.changed };
  },
  async loadStale() {
    const result = await call('users.stale', {});
    set(result.ok ? { stale: result.value, error: null } : { error: result.error });
  },
  async setStaleDays(days) {
    const result = await call('settings.setStaleDays', { days });
    if (!result.ok) return result.error;
    await get().loadStale();
    return null;
  },
  async disable(username, ownerPassword) {
    const result = await call('users.setStatus', ownerPassword === undefined ? { username, status: 'disabled' } : { username, status: 'disabled', ownerPassword });
    if (!result.ok) return { error: result.error };
    await Promise.all([get().loadStale(), invalidate(['users.list'])]);
    // A second owner's approval may be needed; the answer says so when the rule applies.
    return { pending: 'pending' in result.value && result.value.pending === true };
  },
}));
