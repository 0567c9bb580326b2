import { create } from 'zustand';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';
import { useAppStore } from './app-store';

export interface OwnerForm {
  username: string;
  displayName: string;
  password: string;
}

interface SetupState {
  step: 'owner' | 'recovery' | 'backup';
  busy: boolean;
  error: ErrorBody | null;
  /** Held only while the recovery step is on screen; cleared as soon as setup completes. */
  recoveryKey: string | null;
  backupFolder: string | null;
  begin(owner: OwnerForm): Promise<void>;
  complete(recoveryKeyEnding: string): Promise<void>;
  chooseBackupFolder(): Promise<void>;
  finish(): Promise<void>;
}

export const useSetupStore = create<SetupState>()((set) => ({
  step: 'owner',
  busy: false,
  error: null,
  recoveryKey: null,
  backupFolder: null,
  async begin(owner) {
    set({ busy: true, error: null });
    const result = await call('setup.begin', { owner });
    if (!result.ok) return set({ busy: false, error: result.error });
    set({ busy: false, step: 'recovery', recoveryKey: result.value.recoveryKey });
  },
  async complete(recoveryKeyEnding) {
    set({ busy: true, error: null });
    const result = await call('setup.complete', { recoveryKeyEnding, confirmedStored: true });
    if (!result.ok) return set({ busy: false, error: result.error });
    set({ busy: false, step: 'backup', recoveryKey: null });
  },
  async chooseBackupFolder() {
    set({ busy: true, error: null });
    const result = await call('settings.chooseBackupFolder', {});
    if (!result.ok) return set({ busy: false, error: result.error });
    set({ busy: false, backupFolder: result.value.folder });
  },
  async finish() {
    await useAppStore.getState().refresh();
    set({ step: 'owner', backupFolder: null, error: null });
  },
}));
