import { create } from 'zustand';
import type { BackupStatus, DrillReportView } from '../../../shared/backup';
import type { ChannelInput } from '../../../shared/contract';
import type { ErrorBody } from '../../../shared/errors';
import { call } from '../client';

interface BackupState {
  status: BackupStatus | null;
  reports: DrillReportView[];
  /** The report on screen: the one just run, or one picked from the history. */
  shown: DrillReportView | null;
  busy: 'backup' | 'drill' | null;
  error: ErrorBody | null;
  load(): Promise<void>;
  backUpNow(): Promise<void>;
  runDrill(): Promise<void>;
  show(report: DrillReportView | null): void;
  saveSchedule(input: ChannelInput<'backup.setSchedule'>): Promise<ErrorBody | null>;
}

/** The Backups page: status, back up now, restore drills and their reports. */
export const useBackupStore = create<BackupState>()((set, get) => ({
  status: null,
  reports: [],
  shown: null,
  busy: null,
  error: null,
  async load() {
    const [status, reports] = await Promise.all([call('backup.status', {}), call('backup.reports', { limit: 20 })]);
    set({ ...(status.ok ? { status: status.value } : { error: status.error }), ...(reports.ok ? { reports: reports.value } : {}) });
  },
  async backUpNow() {
    set({ busy: 'backup', error: null });
    const result = await call('backup.run', {});
    set({ busy: null, error: result.ok ? null : result.error });
    await get().load();
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
}));
