import { create } from 'zustand';

export type Page = 'home' | 'customers' | 'customer' | 'quality' | 'reminders' | 'audit' | 'backups' | 'users' | 'settings' | 'account';

/** Where the user is: a page, and for the record page the customer it shows. */
export interface Route {
  page: Page;
  customerId?: number;
  /** A page's own place within itself (a settings section, a tab) that Back should return to. */
  section?: string;
}

/** Scroll offsets of the page's scrolling content, kept per history entry so Back lands where the user was. */
export type ScrollMemory = Record<number, number>;

/** Browser-like history: a list of entries and where we are in it; at most this many kept. */
const HISTORY_LIMIT = 100;

interface NavState {
  page: Page;
  route: Route;
  entries: Route[];
  index: number;
  scroll: ScrollMemory;
  /** Opens a page as a new history entry (forward entries are dropped, like a browser). */
  go(page: Page, params?: Omit<Route, 'page'>): void;
  openCustomer(id: number): void;
  back(): void;
  forward(): void;
  canGoBack(): boolean;
  canGoForward(): boolean;
  /** Remembers the scroll offset of the current entry before leaving it. */
  rememberScroll(offset: number): void;
  /** The remembered scroll offset of the current entry (0 for a new one). */
  scrollFor(): number;
}

function sameRoute(a: Route, b: Route): boolean {
  return a.page === b.page && a.customerId === b.customerId && a.section === b.section;
}

const HOME: Route = { page: 'home' };

export const useNavStore = create<NavState>()((set, get) => ({
  page: 'home',
  route: HOME,
  entries: [HOME],
  index: 0,
  scroll: {},
  go(page, params = {}) {
    const next: Route = { page, ...params };
    const { entries, index, route } = get();
    if (sameRoute(route, next)) return;
    const kept = entries.slice(0, index + 1);
    kept.push(next);
    const dropped = Math.max(0, kept.length - HISTORY_LIMIT);
    const scroll: ScrollMemory = {};
    for (const [key, value] of Object.entries(get().scroll)) {
      const at = Number(key) - dropped;
      if (at >= 0 && at <= index - dropped) scroll[at] = value;
    }
    const trimmed = kept.slice(dropped);
    set({ entries: trimmed, index: trimmed.length - 1, route: next, page: next.page, scroll });
  },
  openCustomer(id) {
    get().go('customer', { customerId: id });
  },
  back() {
    const { entries, index } = get();
    if (index === 0) return;
    const route = entries[index - 1]!;
    set({ index: index - 1, route, page: route.page });
  },
  forward() {
    const { entries, index } = get();
    if (index >= entries.length - 1) return;
    const route = entries[index + 1]!;
    set({ index: index + 1, route, page: route.page });
  },
  canGoBack: () => get().index > 0,
  canGoForward: () => get().index < get().entries.length - 1,
  rememberScroll(offset) {
    set({ scroll: { ...get().scroll, [get().index]: offset } });
  },
  scrollFor: () => get().scroll[get().index] ?? 0,
}));
