import { create } from 'zustand';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';
import { useAppStore } from './app-store';

interface AuthState {
  busy: boolean;
  error: ErrorBody | null;
  clearError(): void;
  unlockWithRecoveryKey(recoveryKey: string): Promise<void>;
  retryKeychain(): Promise<void>;
  login(username: string, password: string, code?: string): Promise<void>;
  logout(): Promise<void>;
  lock(): Promise<void>;
  unlockSession(password: string): Promise<void>;
  chooseBackupFolder(): Promise<void>;
}

export const useAuthStore = create<AuthState>()((set) => {
  async function run(action: () => Promise<{ ok: true } | { ok: false; error: ErrorBody }>): Promise<void> {
    set({ busy: true, error: null });
    const result = await action();
    set({ busy: false, error: result.ok ? null : result.error });
    await useAppStore.getState().refresh();
  }
  return {
    busy: false,
    error: null,
    clearError: () => set({ error: null }),
    unlockWithRecoveryKey: (recoveryKey) => run(() => call('vault.unlockWithRecoveryKey', { recoveryKey })),
    retryKeychain: () => run(() => call('vault.retryKeychain', {})),
    login: (username, password, code) => run(() => call('session.login', { username, password, ...(code ? { code } : {}) })),
    logout: () => run(() => call('session.logout', {})),
    lock: () => run(() => call('session.lock', {})),
    unlockSession: (password) => run(() => call('session.unlock', { password })),
    chooseBackupFolder: () =>
      run(async () => {
        const before = await call('backup.status', {});
        const result = await call('settings.chooseBackupFolder', {});
        // A new folder gets its first backup at once (in main; the Backups page shows it).
        if (result.ok && result.value.folder !== null && before.ok && before.value.folder !== result.value.folder) void call('backup.run', {});
        return result;
      }),
  };
});
