import { create } from 'zustand';

export type Page = 'home' | 'customers' | 'quality' | 'reminders' | 'audit' | 'backups' | 'users' | 'settings';

interface NavState {
  page: Page;
  go(page: Page): void;
}

export const useNavStore = create<NavState>()((set) => ({ page: 'home', go: (page) => set({ page }) }));
