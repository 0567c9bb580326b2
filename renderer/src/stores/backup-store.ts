import { create } from 'zustand';
import type { DrillReportView } from '../../../shared/backup';
import type { ChannelOutput } from '../../../shared/contract';

export type BackupFile = ChannelOutput<'backup.files'>[number];

/**
 * The Backups page's UI state only. Status, reports, files and the jobs are server data and
 * mutations through the query layer (features/backups/backup-queries.ts).
 */
interface BackupUiState {
  /** The report on screen: the one just run, or one picked from the history. */
  shown: DrillReportView | null;
  /** A folder was just chosen and its first backup is under way. */
  firstRun: boolean;
  /** The restore panel is open (from the list or the menu); fileName null means "the newest complete backup". */
  restoreTarget: { fileName: string | null } | null;
  set(patch: Partial<Pick<BackupUiState, 'shown' | 'firstRun'>>): void;
  show(report: DrillReportView | null): void;
  openRestore(fileName: string | null): void;
  closeRestore(): void;
}

export const useBackupStore = create<BackupUiState>()((set) => ({
  shown: null,
  firstRun: false,
  restoreTarget: null,
  set: (patch) => set(patch),
  show: (report) => set({ shown: report }),
  openRestore: (fileName) => set({ restoreTarget: { fileName } }),
  closeRestore: () => set({ restoreTarget: null }),
}));
