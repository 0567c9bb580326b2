import { create } from 'zustand';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';

/** Whose work the dashboard and the Reminders page show: one switch, so the two always agree. */
export type WorkScope = 'mine' | 'everyone';
/** The Reminders page's tabs; 'done' shows finished reminders, the others open ones by due date. */
export const REMINDER_TABS = ['overdue', 'today', 'upcoming', 'done'] as const;
export type ReminderTab = (typeof REMINDER_TABS)[number];

interface CrmState {
  scope: WorkScope;
  tab: ReminderTab;
  optionalFields: boolean | null;
  setScope(scope: WorkScope): void;
  setTab(tab: ReminderTab): void;
  loadSettings(): Promise<void>;
  setOptionalFields(on: boolean, erase: boolean): Promise<ErrorBody | null>;
}

/**
 * UI state of the dashboard and the Reminders page (their server data lives in the query cache:
 * features/dashboard/use-dashboard.ts, features/reminders/), and the customer-field setting.
 */
export const useCrmStore = create<CrmState>()((set) => ({
  scope: 'mine',
  tab: 'today',
  optionalFields: null,
  setScope: (scope) => set({ scope }),
  setTab: (tab) => set({ tab }),
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
