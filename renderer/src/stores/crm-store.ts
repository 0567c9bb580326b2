import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import type { ReminderRange } from '../../../shared/reminders';
import { call } from '../client';

interface CrmState {
  dashboard: ChannelOutput<'dashboard.summary'> | null;
  range: ReminderRange;
  reminders: ChannelOutput<'reminders.list'>;
  optionalFields: boolean | null;
  loading: boolean;
  error: ErrorBody | null;
  loadDashboard(): Promise<void>;
  loadReminders(range?: ReminderRange): Promise<void>;
  done(id: number): Promise<ErrorBody | null>;
  snooze(id: number, until: Date): Promise<ErrorBody | null>;
  loadSettings(): Promise<void>;
  setOptionalFields(on: boolean, erase: boolean): Promise<ErrorBody | null>;
}

/** The dashboard, the Reminders page and the customer-field setting. */
export const useCrmStore = create<CrmState>()((set, get) => ({
  dashboard: null,
  range: 'today',
  reminders: [],
  optionalFields: null,
  loading: false,
  error: null,
  async loadDashboard() {
    set({ loading: true, error: null });
    const result = await call('dashboard.summary', {});
    set(result.ok ? { loading: false, dashboard: result.value } : { loading: false, error: result.error });
  },
  async loadReminders(range = get().range) {
    set({ loading: true, error: null, range });
    // "Done" shows finished ones; the other tabs open ones in their date range.
    const result = await call('reminders.list', range === 'all' ? { status: 'done', limit: 200 } : { range, limit: 500 });
    set(result.ok ? { loading: false, reminders: result.value } : { loading: false, error: result.error, reminders: [] });
  },
  async done(id) {
    const result = await call('reminders.done', { id });
    if (!result.ok) return result.error;
    await get().loadReminders();
    return null;
  },
  async snooze(id, until) {
    const result = await call('reminders.snooze', { id, until: until.toISOString() });
    if (!result.ok) return result.error;
    await get().loadReminders();
    return null;
  },
  async loadSettings() {
    const result = await call('settings.customerFields', {});
    if (result.ok) set({ optionalFields: result.value.optionalFields });
  },
  async setOptionalFields(on, erase) {
    const result = await call('settings.setCustomerFields', { optionalFields: on, eraseExisting: erase });
    if (!result.ok) return result.error;
    set({ optionalFields: result.value.optionalFields });
    return null;
  },
}));
