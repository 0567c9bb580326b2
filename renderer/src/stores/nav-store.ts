import { create } from 'zustand';

export type Page =
  | 'home'
  | 'customers'
  | 'customer'
  | 'quality'
  | 'reminders'
  | 'audit'
  | 'alerts'
  | 'backups'
  | 'users'
  | 'settings'
  | 'account'
  | 'approvals'
  | 'privacy'
  | 'requests'
  | 'erasure'
  | 'privacyLog'
  | 'retention'
  | 'breach';

/** Where the user is: a page, and for the record page the customer it shows. */
export interface Route {
  page: Page;
  customerId?: number;
  /** A page's own place within itself (a settings section, a tab) that Back should return to. */
  section?: string;
}

/**
 * Scroll offsets kept per history entry so Back lands where the user was: per entry index, one
 * offset per scrolling element ('content' is the page area; a list's own scroll box has its key).
 */
export type ScrollMemory = Record<number, Record<string, number>>;

/** The key of the content area's scroll offset, the default of rememberScroll/scrollFor. */
export const CONTENT_SCROLL = 'content';

/**
 * The scrolling elements on screen now, by key. Read when the user leaves an entry, before the
 * page changes (after the change they may already be gone). Plain functions, not DOM, kept
 * outside the store's state so a scroll never re-renders anything.
 */
const scrollSources = new Map<string, () => number>();

/** Registers what reads a scroll offset under a key; returns the unregister function. */
export function registerScrollSource(key: string, read: () => number): () => void {
  scrollSources.set(key, read);
  return () => {
    if (scrollSources.get(key) === read) scrollSources.delete(key);
  };
}

function captureScroll(scroll: ScrollMemory, index: number): ScrollMemory {
  if (scrollSources.size === 0) return scroll;
  const offsets: Record<string, number> = { ...scroll[index] };
  for (const [key, read] of scrollSources) offsets[key] = Math.max(0, Math.round(read()));
  return { ...scroll, [index]: offsets };
}

/** Browser-like history: a list of entries and where we are in it; at most this many kept. */
const HISTORY_LIMIT = 100;

interface NavState {
  /** The entry shown now; its page is the one on screen (one source, so the two never disagree). */
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
  /** Remembers a scroll offset of the current entry (go/back/forward also capture the registered sources). */
  rememberScroll(offset: number, key?: string): void;
  /** The remembered scroll offset of the current entry under that key (0 for a new one). */
  scrollFor(key?: string): number;
}

function sameRoute(a: Route, b: Route): boolean {
  return a.page === b.page && a.customerId === b.customerId && a.section === b.section;
}

const HOME: Route = { page: 'home' };

export const useNavStore = create<NavState>()((set, get) => ({
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
    for (const [key, value] of Object.entries(captureScroll(get().scroll, index))) {
      const at = Number(key) - dropped;
      if (at >= 0 && at <= index - dropped) scroll[at] = value;
    }
    const trimmed = kept.slice(dropped);
    set({ entries: trimmed, index: trimmed.length - 1, route: next, scroll });
  },
  openCustomer(id) {
    get().go('customer', { customerId: id });
  },
  back() {
    const { entries, index } = get();
    if (index === 0) return;
    const route = entries[index - 1]!;
    set({ index: index - 1, route, scroll: captureScroll(get().scroll, index) });
  },
  forward() {
    const { entries, index } = get();
    if (index >= entries.length - 1) return;
    const route = entries[index + 1]!;
    set({ index: index + 1, route, scroll: captureScroll(get().scroll, index) });
  },
  canGoBack: () => get().index > 0,
  canGoForward: () => get().index < get().entries.length - 1,
  rememberScroll(offset, key = CONTENT_SCROLL) {
    const { scroll, index } = get();
    set({ scroll: { ...scroll, [index]: { ...scroll[index], [key]: offset } } });
  },
  scrollFor: (key = CONTENT_SCROLL) => get().scroll[get().index]?.[key] ?? 0,
}));
