import { create } from 'zustand';

/** Whose work the dashboard and the Reminders page show: one switch, so the two always agree. */
export type WorkScope = 'mine' | 'everyone';
/** The Reminders page's tabs; 'done' shows finished reminders, the others open ones by due date. */
export const REMINDER_TABS = ['overdue', 'today', 'upcoming', 'done'] as const;
export type ReminderTab = (typeof REMINDER_TABS)[number];

interface CrmState {
  scope: WorkScope;
  tab: ReminderTab;
  setScope(scope: WorkScope): void;
  setTab(tab: ReminderTab): void;
}

/**
 * UI state of the dashboard and the Reminders page (their server data lives in the query cache:
 * features/dashboard/use-dashboard.ts, features/reminders/).
 */
export const useCrmStore = create<CrmState>()((set) => ({
  scope: 'mine',
  tab: 'today',
  setScope: (scope) => set({ scope }),
  setTab: (tab) => set({ tab }),
}));
