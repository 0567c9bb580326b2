import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';

type UserSummary = ChannelOutput<'users.list'>[number];
type Verdict = ChannelOutput<'audit.verify'>;

interface AdminState {
  users: UserSummary[];
  verdict: Verdict | null;
  busy: boolean;
  error: ErrorBody | null;
  loadUsers(): Promise<void>;
  /** Runs a users.* change, then reloads the list. Returns the error, if any, for the form. */
  changeUser<C extends 'users.create' | 'users.setRole' | 'users.setStatus' | 'users.resetPassword'>(channel: C, input: ChannelInput<C>): Promise<ErrorBody | null>;
  verifyAudit(): Promise<void>;
}

export const useAdminStore = create<AdminState>()((set, get) => ({
  users: [],
  verdict: null,
  busy: false,
  error: null,
  async loadUsers() {
    const result = await call('users.list', {});
    set(result.ok ? { users: result.value, error: null } : { error: result.error });
  },
  async changeUser(channel, input) {
    set({ busy: true });
    const result = await call(channel, input as never);
    set({ busy: false });
    if (!result.ok) return result.error;
    await get().loadUsers();
    return null;
  },
  async verifyAudit() {
    set({ busy: true, verdict: null });
    const result = await call('audit.verify', {});
    set(result.ok ? { busy: false, verdict: result.value } : { busy: false, error: result.error });
  },
}));
