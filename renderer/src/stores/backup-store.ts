import { create } from 'zustand';
import type { BackupStatus, DrillReportView } from '../../../shared/backup';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { Envelope, ErrorBody } from '../../../shared/errors';
import { call } from '../client';
import { useAppStore } from './app-store';

export type BackupFile = ChannelOutput<'backup.files'>[number];

interface BackupState {
  status: BackupStatus | null;
  reports: DrillReportView[];
  /** What is in the backup folder, newest first. */
  files: BackupFile[];
  /** The report on screen: the one just run, or one picked from the history. */
  shown: DrillReportView | null;
  busy: 'backup' | 'drill' | 'restore' | null;
  /** A folder was just chosen and its first backup is under way. */
  firstRun: boolean;
  /** The restore panel is open; fileName null means "the newest complete backup". */
  restoreTarget: { fileName: string | null } | null;
  error: ErrorBody | null;
  load(): Promise<void>;
  /** Only the status: cheap enough to ask every second while a job runs. */
  pollStatus(): Promise<void>;
  backUpNow(): Promise<void>;
  /** Choose (or change) the folder; a new folder gets its first backup at once. */
  chooseFolder(): Promise<void>;
  runDrill(): Promise<void>;
  show(report: DrillReportView | null): void;
  saveSchedule(input: ChannelInput<'backup.setSchedule'>): Promise<ErrorBody | null>;
  openRestore(fileName: string | null): void;
  closeRestore(): void;
  restore(input: ChannelInput<'backup.restore'>): Promise<Envelope<ChannelOutput<'backup.restore'>>>;
}

const newestFirst = (a: BackupFile, b: BackupFile) => (b.at ?? '').localeCompare(a.at ?? '') || b.name.localeCompare(a.name);

/** The Backups page: status, back up now, restore drills and their reports, restore. */
export const useBackupStore = create<BackupState>()((set, get) => ({
  status: null,
  reports: [],
  files: [],
  shown: null,
  busy: null,
  firstRun: false,
  restoreTarget: null,
  error: null,
  async load() {
    const [status, reports] = await Promise.all([call('backup.status', {}), call('backup.reports', { limit: 20 })]);
    // Without a folder there is nothing to list, and the page already says so.
    const files = status.ok && status.value.folder ? await call('backup.files', {}) : null;
    set({
      ...(status.ok ? { status: status.value } : { error: status.error }),
      ...(reports.ok ? { reports: reports.value } : {}),
      files: files?.ok ? [...files.value].sort(newestFirst) : [],
    });
  },
  async pollStatus() {
    const status = await call('backup.status', {});
    if (status.ok) set({ status: status.value });
  },
  async backUpNow() {
    set({ busy: 'backup', error: null });
    const result = await call('backup.run', {});
    set({ busy: null, firstRun: false, error: result.ok ? null : result.error });
    await get().load();
  },
  async chooseFolder() {
    const before = get().status?.folder ?? null;
    const result = await call('settings.chooseBackupFolder', {});
    if (!result.ok) return set({ error: result.error });
    await get().load();
    // Until a first backup exists the data is on this computer only; cancelling keeps the old folder.
    if (result.value.folder !== null && result.value.folder !== before && get().busy === null) {
      set({ firstRun: true });
      await get().backUpNow();
    }
  },
  async runDrill() {
    set({ busy: 'drill', error: null });
    const result = await call('backup.drill', {});
    set({ busy: null, error: result.ok ? null : result.error, shown: result.ok ? result.value : get().shown });
    await get().load();
  },
  show: (report) => set({ shown: report }),
  async saveSchedule(input) {
    const result = await call('backup.setSchedule', input);
    if (!result.ok) return result.error;
    await get().load();
    return null;
  },
  openRestore(fileName) {
    if (get().busy !== 'restore') set({ restoreTarget: { fileName } });
  },
  closeRestore() {
    if (get().busy !== 'restore') set({ restoreTarget: null });
  },
  async restore(input) {
    set({ busy: 'restore', error: null });
    const result = await call('backup.restore', input);
    set({ busy: null });
    if (!result.ok) {
      // A failure after the swap began can still have ended the session: let status decide.
      await useAppStore.getState().refresh();
      if (useAppStore.getState().status?.session) await get().load();
    }
    return result;
  },
}));
