import { create } from 'zustand';
import type { AppStatus, AppVersion } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import { pickLocale, type Locale } from '../../../shared/locale';
import { call } from '../client';
import type { MessageKey } from '../i18n/en';
import type { LedgerRestoreView } from '../../../shared/ledger';

/** A one-shot message for the sign-in screen, e.g. after a restore ended every session. */
export interface LoginNotice {
  key: MessageKey;
  params: Record<string, string | number>;
  /** After a restore: what the decision ledger re-applied (issue 16). */
  ledger?: LedgerRestoreView | undefined;
}

interface AppState {
  phase: 'loading' | 'ready' | 'error';
  status: AppStatus | null;
  version: AppVersion | null;
  /** Until main answers, follow the browser's language so even the first frame is readable. */
  locale: Locale;
  error: ErrorBody | null;
  notice: LoginNotice | null;
  setNotice(notice: LoginNotice | null): void;
  load(): Promise<void>;
  /** Re-reads status after anything that changes the vault or the session. */
  refresh(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
}

export const useAppStore = create<AppState>()((set) => ({
  phase: 'loading',
  status: null,
  version: null,
  locale: pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages),
  error: null,
  notice: null,
  setNotice: (notice) => set({ notice }),
  async load() {
    set({ phase: 'loading', error: null });
    const [status, version] = await Promise.all([call('app.status', {}), call('app.version', {})]);
    if (!status.ok) return set({ phase: 'error', error: status.error });
    if (!version.ok) return set({ phase: 'error', error: version.error });
    set({ phase: 'ready', status: status.value, version: version.value, locale: status.value.locale });
  },
  async refresh() {
    const [status, version] = await Promise.all([call('app.status', {}), call('app.version', {})]);
    if (!status.ok) return set({ phase: 'error', error: status.error });
    set({ status: status.value, ...(version.ok ? { version: version.value } : {}) });
  },
  async setLocale(locale) {
    set({ locale });
    const result = await call('app.setLocale', { locale });
    if (!result.ok) set({ error: result.error });
  },
}));
