import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';
import { formatDateTime } from '../i18n/format';
import { useAppStore } from './app-store';
import { afterVaultReplaced } from './session-data';

export interface OwnerForm {
  username: string;
  displayName: string;
  password: string;
}

export type PickedBackup = NonNullable<ChannelOutput<'setup.pickBackupFile'>['file']>;

interface SetupState {
  step: 'owner' | 'recovery' | 'backup';
  /** Step 1: a new, empty vault, or this profile's vault brought back from a backup file. */
  mode: 'new' | 'restore';
  /** The backup file main holds for this window: only its name, size and date come here. */
  backupFile: PickedBackup | null;
  busy: boolean;
  error: ErrorBody | null;
  /** Held only while the recovery step is on screen; cleared as soon as setup completes. */
  recoveryKey: string | null;
  backupFolder: string | null;
  begin(owner: OwnerForm): Promise<void>;
  complete(recoveryKeyEnding: string): Promise<void>;
  chooseBackupFolder(): Promise<void>;
  finish(): Promise<void>;
  setMode(mode: 'new' | 'restore'): void;
  pickBackupFile(): Promise<void>;
  /** acknowledgeLedgerProblem: the owner restores despite LEDGER_TAMPERED. */
  restoreFromBackup(recoveryKey: string, acknowledgeLedgerProblem?: boolean): Promise<void>;
}

export const useSetupStore = create<SetupState>()((set, get) => ({
  step: 'owner',
  mode: 'new',
  backupFile: null,
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
    const changed = result.value.folder !== null && result.value.folder !== get().backupFolder;
    set({ busy: false, backupFolder: result.value.folder });
    // The first backup right away, in main: the owner goes on meanwhile, and the Backups page
    // and the dashboard show how it went (a failure is recorded there like any other run).
    if (changed) void call('backup.run', {});
  },
  async finish() {
    await useAppStore.getState().refresh();
    set({ step: 'owner', backupFolder: null, error: null });
  },
  setMode: (mode) => set({ mode, error: null }),
  async pickBackupFile() {
    set({ busy: true, error: null });
    const result = await call('setup.pickBackupFile', {});
    if (!result.ok) return set({ busy: false, error: result.error });
    // Cancelled: main still holds the earlier choice, so the page keeps showing it.
    set({ busy: false, backupFile: result.value.file ?? get().backupFile });
  },
  async restoreFromBackup(recoveryKey, acknowledgeLedgerProblem) {
    set({ busy: true, error: null });
    const result = await call('setup.restoreFromBackup', { recoveryKey, ...(acknowledgeLedgerProblem ? { acknowledgeLedgerProblem: true as const } : {}) });
    if (!result.ok) {
      set({ busy: false, error: result.error });
      if (result.error.code === 'VAULT_ALREADY_SET_UP') await useAppStore.getState().refresh();
      return;
    }
    const made = result.value.backupCreatedAt ?? get().backupFile?.at ?? null;
    const date = made ? formatDateTime(useAppStore.getState().locale, made) : (get().backupFile?.name ?? '');
    set({ busy: false, mode: 'new', backupFile: null });
    await afterVaultReplaced({ key: 'restore.setup.done', params: { customers: result.value.customers, date }, ledger: result.value.ledger });
  },
}));
